# audit: the English texts, one message per id. The ids are stable: the code and the JSON
# `code` fields use them, so change the text, never the id. `{ $name }` is a value filled in
# by the program; `{ $n -> [one] … *[other] … }` chooses the plural form.

pass = pass
fail = fail
incomplete = incomplete
missing = missing
self = self
review = review
acceptance = acceptance
no-level = no level
org = org
branch = branch
period = period
level = level
base = base
bonus = bonus
total = total
satisfaction = satisfaction
band = band
status = status
reasons = reasons
id = id
item-point = item / point
point = point
max = max
score = score
lost = lost
where-points-went = where points went
figure = figure
value = value
population = population
passed = passed
failed = failed
rate = rate
target = target
met = met
gap = gap
records = records
average-gap = average gap
self-rated-higher = self-rated higher
average = average
share-of-max = share of max
lost-points = lost points
most-common-deduction-reasons = most common deduction reasons
rank = rank
severity = severity
file = file
line = line
column = column
message = message
gate = gate
result = result
details = details
change = change
before = before
after = after
status-before = status before
total-before = total before
band-before = band before
status-after = status after
total-after = total after
band-after = band after
all = (all)
target-parenthesised = (target)
scores = Scores
compliance = Compliance
explain = Explain
result-sheet = Result
diagnostics = Diagnostics
gates = Gates
trend = Trend
levels = Levels
level-gaps-by-org = Level gaps by org
level-gaps-by-point = Level gaps by point
items-sheet = Items
benchmark = Benchmark
changes = Changes
compliance-title = Compliance: { $title }
compliance-trend-share-of-branches-passing = Compliance trend: share of branches passing, per period
totals-per-level-records-with-more = Totals per level (records with more than one complete level)
average-gap-per-org = Average gap per org
points-with-the-largest-systematic-gaps = Points with the largest systematic gaps
where-points-are-lost = Where points are lost
benchmark-candidates-passing-branches-by-total = Benchmark candidates: passing branches by total, then satisfaction
accepted-not-passing = at acceptance, not passing
level-date-and-signature = # When this level was completed (YYYY-MM-DD, no quotes) and who signs it:
progress-figures = Progress of every period
progress = Progress
progress-title = Progress of the campaign: branches by stage, and the median days between levels
median-days-self-to-review = median days self to review
median-days-review-to-acceptance = median days review to acceptance
records-that-changed = Records that changed
compliance-rate-per-period = Compliance rate per period
# How many more passing branches a compliance target needs, said the same way everywhere.
needs-n-more-passing =
    { $n ->
        [one] needs { $n } more passing branch
       *[other] needs { $n } more passing branches
    }
not-met-needs-more = not met: { needs-n-more-passing }
records-summary =
    { $n ->
        [one] { $n } record: { $pass } pass, { $fail } fail, { $incomplete } incomplete
       *[other] { $n } records: { $pass } pass, { $fail } fail, { $incomplete } incomplete
    }
of-passed-target-met = { $period }: { $passed } of { $population } passed, target met
of-passed-target-not-met-needs = { $period }: { $passed } of { $population } passed, target not met: { needs-n-more-passing }
of-passed-no-target = { $period }: { $passed } of { $population } passed, no target
gap-total-of-the-lowest-complete = gap = total of the lowest complete level − total of the highest; positive means the branch rated itself more generously
lost-points-share-of-the-records = lost points = share of the records that scored below the max; "na" and unassessed points are left out
org-branch-period-level-file = { $org } / { $branch } / { $period }: { $level } ({ $file })
scored-of = scored { $score } of { $max }
grade = grade { $grade }
not-applicable-left-out-of-the = not applicable: left out of the applicable max
deductions-of-floored-at-0 = (deductions of { $lost } floored at 0)
from-satisfaction-band = from satisfaction { $rate } (band ≥ { $min })
from-satisfaction-below-every-band = from satisfaction { $rate }: below every band
no-satisfaction-survey-scores-0 = no satisfaction survey: scores 0
not-assessed = not assessed
not-assessed-in = not assessed in { $level }
note = note: { $note }
evidence = evidence: { $files }
of = { $base } of { $max }
of-of-applicable-points-scaled-and = { $base } of { $max }: { $raw } of { $applicable } applicable points, scaled × { $max } / { $applicable } and rounded
of-satisfied = { $rate } ({ $satisfied } of { $surveyed } satisfied)
no-survey = no survey
required = { $sat }; required { $min }
none-triggered = none triggered
none = none
capped-from = capped from { $raw }
total-below = total { $total } is below { $min }
satisfaction-below = satisfaction { $rate } is below { $min }
vetoed = veto { $id }: { $title }
level-lacks-points = { $level } lacks { $points }
level-below-min = level { $level } is below the required { $min }
no-such-level = the record has no { $level } level
no-assessment-level = the record has no assessment level (self, review or acceptance)
survey-missing = the satisfaction survey is missing
text = text
a-number = a number
true-false = true/false
a-date = a date
a-list = a list
a-table = a table
veto = veto
item = item
the-checklist-has-no-items = the checklist has no items
a-veto = a veto
a-bonus = a bonus
a-band = a band
an-item = an item
a-point = a point
a-branch = a [[branch]]
the-record = the record
the-checklist = the checklist
the-roster = the roster
point-level-id = {""}[{ $level }] point { $id }
level-section = {""}[{ $level }]
derive-of = `derive` of { $what }
max-of-item = `max` of item { $id }
min-level-in-pass = `min_level` in [pass]
min-of-a-band-of = `min` of a band of { $what }
period-key = `period`
period-in-the-record = `period` in the record
rate-in-satisfaction = `rate` in [satisfaction]
satisfied = `satisfied`
surveyed = `surveyed`
step-of = `step` of { $what }
times-of-a-deduction-of = `times` of a deduction of { $what }
total-in-expect = `total` in [expect]
in-expect = `{ $key }` in [expect]
key-in = `{ $key }` in { $what }
key-of = `{ $key }` of { $what }
a-band-of = a band of { $what }
a-deduction-of = a deduction of { $what }
band-name = band { $name }
bonus-id = bonus { $id }
evidence-of = evidence of { $what }
from = from { $f }
from-until = from { $f } until { $u }
until = until { $u }
grade-of = grade { $name_dbg } of { $what }
item-id = item { $id }
point-id = point { $id }
the-bands-of = the bands of { $what }
the-grades-of = the grades of { $what }
the-id-of = the id of { $what }
the-target-of-period = the target of period { $period_dbg }
what-id = { $what } { $id }
toml-syntax = TOML syntax: { $message }
expect-says-a-total-of-points = {""}[expect] says a total of { $expected } points but the points' max add up to { $actual }
expect-says-but-the-checklist-has = {""}[expect] says { $expected } { $noun } but the checklist has { $actual }
point-ids-must-be-quoted-write = {""}[{ $level }]: point ids must be quoted: write "{ $dotted }" = …, not { $dotted } = …
derived-point-in-record = {""}[{ $level }]: point { $id } is derived from the satisfaction survey; remove it and give [satisfaction] instead
unknown-point-id = {""}[{ $level }]: unknown point id `{ $id }`
derive-of-must-be-satisfaction-not = `derive` of { $what } must be "satisfaction", not { $kind_dbg }
min-level-must-be-one-of = `min_level` must be one of self, review, acceptance, not { $name_dbg }
satisfied-exceeds-surveyed = `satisfied` ({ $satisfied }) exceeds `surveyed` ({ $surveyed })
satisfied-must-not-be-negative-got = `satisfied` must not be negative, got { $satisfied }
step-of-must-be-greater-than = `step` of { $what } must be greater than 0
surveyed-must-be-at-least-1 = `surveyed` must be at least 1, got { $surveyed }
of-must-be-greater-than-0 = `{ $key }` of { $what } must be greater than 0
a-band-of-gives-above-its = a band of { $what } gives { $points }, above its max { $max }
bonus-exceeds-its-max = bonus { $id }: { $p } exceeds its max { $max }
duplicate-id-already-used-by = duplicate id `{ $id }`: already used by { $first }
grade-of-gives-above-its-max = grade { $name_dbg } of { $what } gives { $p }, above its max { $max }
too-many-decimals = has more than { $n } decimals
not-a-number = is not a number
not-a-rate = is not a rate (write "92.5%" or a fraction such as 0.925)
rate-out-of-range = is not between 0% and 100%
too-large = is too large
item-has-no-points = item { $id } has no points
item-max-is-but-its-points = item { $id }: `max` is { $max } but its points' max add up to { $sum }
not-filled-in = not filled in
score-exceeds-its-max = score { $p } exceeds its max { $max }
score-is-not-a-multiple-of = score { $p } is not a multiple of its step { $step }
score-must-not-be-negative = score { $text } must not be negative
unknown-key-in = unknown key `{ $key }` in { $what }
unknown-key-in-did-you-mean = unknown key `{ $key }` in { $what } (did you mean `{ $near }`?)
unknown-id-none-defined = unknown { $what } id `{ $id }`: the checklist defines none
unknown-id = unknown { $what } id `{ $id }` (the checklist has { $known })
veto-must-be-true-or-false = veto { $id } must be true or false, not { $kind }
write-na-in-lower-case-for = write "na" (in lower case) for not applicable, not { $s_dbg }
is-expected-in-not-in = { $org } / { $branch } is expected { $window } in { $roster_file }, not in { $period }
is-listed-twice-in-the-roster = { $org } / { $branch } is listed twice in the roster
is-not-in = { $org } / { $branch } is not in { $roster_file }
the-record-is-left-out-of = { $problem }: the record is left out of compliance rates
duplicate-record-for-also-in = duplicate record for { $org } / { $branch } / { $period }: also in { $others }
text-problem = { $text } { $problem }
has-bands-but-no-derive-satisfaction = { $what } has `bands` but no `derive = "satisfaction"`
is-derived-but-has-no-bands = { $what } is derived but has no `bands`
is-derived-from-the-survey-it = { $what } is derived from the survey: it cannot be optional or have grades, a step or a `max_deduction`
is-not-filled-in = { $what } is not filled in
lacks-the-required-key = { $what } lacks the required key `{ $key }`
must-be-a-table-not = { $what } must be a table, not { $kind }
must-be-a-list-of-tables = { $what } must be a list of tables, not { $kind }
must-be-a-number-not = { $what } must be a number, not { $kind }
must-be-a-rate-such-as = { $what } must be a rate such as "90%", not { $kind }
must-be-a-whole-number-not = { $what } must be a whole number, not { $value }
must-be-points-a-grade-or = { $what } must be points, a grade or "na", not { $kind }
must-be-text-not = { $what } must be text, not { $kind }
min-band-is-not-a-band = `min_band` in [benchmark] names { $band }, which is not one of the checklist's bands ({ $known })
expected-a-date-such-as = expected a date such as 2025-03-01
must-be-a-date-not = { $what } must be a date such as 2024-09-30 (no quotes, no time), not { $kind }
level-dated-before-lower = the { $level } level is dated { $date }, before the { $lower } level's { $lower_date }
task-unknown-point = { $what }: unknown point `{ $id }`
task-unknown-point-did-you-mean = { $what }: unknown point `{ $id }` (did you mean `{ $near }`?)
rectification-entry = [[rectification]] #{ $n }
must-not-be-empty = { $what } must not be empty
must-not-be-negative-got = { $what } must not be negative, got { $text }
in-must-be-true-or-false = `{ $key }` in { $what } must be true or false, not { $kind }
na-cannot-be-a-grade-name = { $what }: "na" cannot be a grade name
bands-is-empty-so-the-point = { $what }: `bands` is empty, so the point would always score 0
deductions-must-be-a-list-of = { $what }: `deductions` must be a list of tables with points, times and reason
deductions-is-empty-give-the-full = { $what }: `deductions` is empty; give the full { $max } as a number instead
evidence-must-be-a-list-of = { $what }: `evidence` must be a list of paths
grades-is-empty = { $what }: `grades` is empty
times-must-be-at-least-1 = { $what }: `times` must be at least 1, got { $v }
times-must-be-at-most-got = { $what }: `times` must be at most { $max_times }, got { $v }
a-deduction-s-points-must-be = { $what }: a deduction's `points` must be greater than 0
a-table-needs-score-or-deductions = { $what }: a table needs `score` or `deductions`
evidence-does-not-exist = { $what }: evidence { $path_dbg } does not exist
evidence-leads-outside-the-records-root = { $what }: evidence { $path_dbg } leads outside the records root
evidence-must-be-a-path-inside = { $what }: evidence { $path_dbg } must be a path inside the records root
give-either-score-or-deductions-not = { $what }: give either `score` or `deductions`, not both
grade-gives-not-a-multiple-of = { $what }: grade { $name_dbg } gives { $p }, not a multiple of its step { $step }
its-max-is-not-a-multiple = { $what }: its max { $max } is not a multiple of its step { $step }, so full marks are impossible
the-deductions-leave-not-a-multiple = { $what }: the deductions leave { $left }, not a multiple of its step { $step }
write-points-without-quotes-not = { $what }: write points without quotes: { $s }, not "{ $s }"
what-message = { $what }: { $message }
what-text-problem = { $what }: { $text } { $problem }
what-value-problem = { $what }: { $value } { $problem }
the-bands-of-must-have-descending = the bands of { $what } must have descending `min`: { $min } follows { $prev }
na-is-only-allowed-on-optional = "na" is only allowed on optional points, and { $id } is not optional
unknown-grade-this-point-has-no = unknown grade { $grade }: this point has no grades; give points 0 to { $max }
unknown-grade-grades = unknown grade { $grade } (grades: { $names })
branch-must-be-a-list-of = `branch` must be a list of [[branch]] tables, not { $kind }
the-register = the benchmark register
a-named-entry = a [[named]] entry
is-named-twice-in-the-register = { $org } / { $branch } / { $period } is named twice in the register
named-must-be-a-list-of = `named` must be a list of [[named]] tables, not { $kind }
revoked-precedes-decided = revoked { $revoked } precedes the decision of { $decided }
named-benchmark-did-not-pass = { $org } / { $branch } is named a benchmark for { $period }, but its record for { $period } is { $status }: a benchmark's record must pass
is-the-register-audit-explain-takes = { $file } is the benchmark register: audit explain takes one record file (audit report --view benchmark shows the register)
register-decided = decided
register-latest-period = latest period
register-latest-status = latest status
register-latest-band = latest band
register-state = state
register-why = why
register-kept = kept
register-at-risk = at-risk
register-lapsed = lapsed
register-revoked = revoked
benchmark-register-named-by-the-committee = Benchmark register: branches named by the committee, with their latest record
benchmark-register = Benchmark register
benchmark-register-at-risk-first = At-risk benchmarks first: their latest record no longer shows what earned the title.
at-risk-vetoed = latest record { $latest } has a triggered veto
at-risk-fails = latest record { $latest } fails
at-risk-incomplete = latest record { $latest } is incomplete
at-risk-band-below = latest record { $latest } has band { $band }, below { $min }
at-risk-no-band = latest record { $latest } has no band (a benchmark keeps { $min } or better)
at-risk-no-record = no record
lapsed-not-assessed-in = not assessed in { $period }, which the roster expects
revoked-on = revoked on { $date }
deny-benchmark-at-risk = deny benchmark-at-risk
no-benchmark-at-risk = no benchmark at risk
benchmark-at-risk-at = { $org } / { $branch } / { $period } ({ $at }): { $why }
deny = deny { $status }
no-records = no { $status } records
min-compliance = min-compliance { $min }
was-pass-in-now = { $org } / { $branch } / { $period }: was pass in { $rev }, now { $status } ({ $total })
compliance-dropped-from-in-to = { $period }: compliance dropped from { $before } in { $rev } to { $after }
no-record-newly-failing-and-no = no record newly failing and no compliance rate lower than in { $rev }
ratchet = ratchet { $rev }
no-target-set = { $period }: no target set
of-passed-meets = { $period }: { $passed } of { $population } passed = { $rate }, meets { $min }
of-passed-below-needs-more-passing = { $period }: { $passed } of { $population } passed = { $rate }, below { $min } ({ needs-n-more-passing })
no-records-to-judge = no records to judge
the-checklist-is-invalid-nothing-was = the checklist is invalid: nothing was scored
errors-found-invalid-files-are-left =
    { $errors ->
        [one] { $errors } error found; invalid files are left out
       *[other] { $errors } errors found; invalid files are left out
    }
roster-toml-is-invalid-no-compliance = roster.toml is invalid: no compliance figures until it is fixed
invalid-record-file-s-left-out = { $name }: { $errors } invalid record file(s) left out (see audit check)
the-checklist-is-invalid = the checklist is invalid
kept-the-existing = kept the existing { $rel }
wrote-fill-in-every-then-run = wrote { $file }: fill in every "", then run: audit check { $file }
added-to-started-from-review-the = added [{ $level }] to { $file }, started from [{ $from }]: review the values, then run: audit check { $file }
nothing-was-imported-fix-the-sheet = nothing was imported: fix the sheet and import it again
nothing-was-imported = nothing was imported
imported-rows-of-new-records-updated =
    imported { $rows } { $rows ->
        [one] row
       *[other] rows
    } of { $file }: { $new } new { $new ->
        [one] record
       *[other] records
    }, { $updated } updated, { $unchanged } unchanged
started-a-records-root-in = Started a records root in { $dir }:
the-reference-checklist-10-items-33 = the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
the-branches-expected-each-period-none = the branches expected each period: none yet, list yours
an-example-record-not-in-the = an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
next-steps = Next steps:
a-blank-form-for-each-branch = a blank form for each branch
after-filling-in = after filling in
one-row-per-record = one row per record
the-record-of = the record of { $org } / { $branch } / { $period }
would-go-to-which-holds = { $org } / { $branch } / { $period } would go to { $file }, which holds { $holder }
and-the-record-of-row-would = { $org } / { $branch } / { $period } and the record of row { $other } would both be written to { $file }: rename one
pass-force-to-replace-it = { $file }: { $change }; pass --force to replace it
the-record-would-be-invalid = the record would be invalid: { $problem }
row = row { $row }: { $problem }
has-a-record-that-is-not = { $org } / { $branch } / { $period } has a record that is not valid: { $file }; fix it (see audit check), then import again
a-file-that-is-not-a = a file that is not a valid record (see audit check)
derived-point-in-sheet = { $at }: point { $name } is derived from the survey; drop the column
one-column-named-is-the-file = { $at }: one column named { $name }: is the file separated by semicolons or tabs? Save it as CSV with commas
unknown-column-not-a-point-veto = { $at }: unknown column { $name } (not a point, veto or bonus id of the checklist)
column-appears-twice = { $at }: column { $name } appears twice
the-sheet-lacks-the-column-s = the sheet lacks the column(s) { $names }
the-sheet-has-a-column-but = the sheet has a { $has } column but no { $lacks } column
cell-message = { $cell }: { $message }
is-in-a-column-without-a = { $value } is in a column without a name in the header row
is-right-of-the-last-column = { $value } is right of the last column of the header row
is-a-date-cell-format-the = { $name }: { $value } is a date cell; format the column as text
is-empty = { $k } is empty
level-is-not-self-review-or = level { $value } is not self, review or acceptance
point-id-value-problem = point { $id }: { $value }: { $problem }
veto-is-not-true-or-false = veto { $id }: { $value } is not true or false
bonus-is-not-within-0-to = bonus { $id }: { $p } is not within 0 to { $max }
bonus-id-value-problem = bonus { $id }: { $value } { $problem }
has-a-second-row-the-first = { $org } / { $branch } / { $period } has a second { $level } row (the first is row { $first })
the-survey-differs-from-row-of = the survey differs from row { $first_row } of the same record
veto-differs-from-row-of-the = veto { $id } differs from row { $first_row } of the same record
bonus-differs-from-row-of-the = bonus { $id } differs from row { $first_row } of the same record
rate-value-problem = rate { $value } { $problem }
satisfied-exceeds-surveyed-a-s = satisfied ({ $a }) exceeds surveyed ({ $s })
surveyed-and-satisfied-must-be-whole = surveyed { $surveyed } and satisfied { $satisfied } must be whole numbers, surveyed at least 1
veto-is-in-the-file-in = veto { $id } is { $was } in the file, { $now } in the sheet
bonus-is-in-the-file-in = bonus { $id } is { $was } in the file, { $now } in the sheet
date-cell-is-not-a-date = date: { $value } is not a date such as 2025-03-01
is-in-the-file-in-the = {""}[{ $level }] { $id } is { $was } in the file, { $now } in the sheet
the-sheet-is-empty-it-needs = the sheet is empty: it needs a header row
surveyed-is-given-but-satisfied-is = surveyed is given but satisfied is empty
satisfied-is-given-but-surveyed-is = satisfied is given but surveyed is empty
give-surveyed-and-satisfied-or-rate = give surveyed and satisfied, or rate, not both
the-survey-differs-from-the-file = the survey differs from the file's
compliance-against-target = Compliance against target
met-target = ✓ MET: target { $target }
not-met-target-needs-more-passing = ✗ NOT MET: target { $target }, { needs-n-more-passing }
no-target-set-card = no target set
of-branches-passed-failed-incomplete-missing =
    { $passed } of { $population } { $population ->
        [one] branch
       *[other] branches
    } passed; { $failed } failed, { $incomplete } incomplete, { $missing } missing
compliance-per-subsidiary = Compliance per subsidiary
hatched-bars-are-below-the-period = Hatched bars are below the period's target (dashed line).
target-target = target { $target }
trend-across-periods = Trend across periods
all-subsidiaries = all subsidiaries
target-of-the-period = target of the period
subsidiaries-the-chart-shows-all-of = { $n } subsidiaries: the chart shows all of them together; the table below has each.
item-scores-per-subsidiary = Item scores per subsidiary
subsidiary = subsidiary
share-of-each-item-s-maximum = Share of each item's maximum points:
items-label = Items:
branches-that-need-attention = Branches that need attention
no-record-for-this-period-expected = no record for this period (expected by the roster)
benchmark-candidates = Benchmark candidates
compliance-figures = Compliance figures
self-assessment-against-review-and-acceptance = Self-assessment against review and acceptance
needs-more = , needs { $n } more
version = {""} (version { $version })
generated = { $heading } — generated { $time }
no-such-file-or-folder = { $path }: no such file or folder
no-found-in-or-any-folder = no { $file } found in { $path } or any folder above it (run `audit init DIR` to start a records root, or pass --checklist FILE)
is-outside-the-records-root = { $path }: is outside the records root { $root }
cannot-read = cannot read { $path }: { $problem }
cannot-run-git-at-diff-and = cannot run git ({ $problem }); --at, diff and --ratchet need git on PATH
is-not-inside-a-git-work = { $path } is not inside a git work tree (--at, diff and --ratchet read records from git)
unknown-revision-not-a-commit-in = unknown revision { $rev }: not a commit in this repository
already-exists-pass-force-to-overwrite = { $path } already exists; pass --force to overwrite it
is-not-empty-audit-init-only = { $dir } is not empty; audit init only starts new folders (pass --force to add the missing files; existing files are kept)
already-has-a-record-to-add = { $org } / { $branch } / { $period } already has a record: { $file }; to add a level to it, run: audit new --from { $path }
already-exists-a-record-whose-names = { $file } already exists (a record whose names fold to the same folder?); choose another file with -o, or pass --force to overwrite it
already-has-pass-force-to-replace = { $file } already has [{ $level }]; pass --force to replace it
added = added
removed = removed
newly-passing = newly-passing
newly-failing = newly-failing
changed = changed
unchanged = unchanged
dropped = dropped
rose = rose
same = same
new-period = new period
period-gone = period gone
the-working-tree = the working tree
none-parenthesised = (none)
n-a = n/a
items = items
points = points
audit-check-gate = audit check gate { $gate }
the-file-is-not-valid-utf = the file is not valid UTF-8 (byte { $valid }); save it as UTF-8
the-file-name-is-not-valid = the file name is not valid UTF-8: rename it so it can be named in reports
there-is-no-checklist-here-in = there is no checklist here in revision { $rev }
periods-from-is-after-until = `periods` starts at { $from }, after its end { $until }: it covers no period
the-periods-of-this-checklist-overlap = the periods of this checklist ({ $range }) overlap those of { $other } ({ $other_range }): a record must have one checklist
the-version-is-also-that-of = version { $version } is also that of { $other }: each checklist needs its own version
several-checklists-each-needs-a-version = there are several checklists: each needs a `version`
no-checklist-covers-period = no checklist covers period { $period } ({ $ranges })
checklist-version-title = { $title } (version { $version })
the-records-to-export-span-versions = the records to export were scored by several checklists (versions { $versions }) and a sheet has the columns of one: choose the periods of one version with --period
the-sheet-s-rows-span-versions = the sheet's rows have periods of several checklists (versions { $versions }) and a sheet has the columns of one: import one sheet per version
is-not-in-revision = { $file } is not in revision { $rev }
the-checklist-of-revision-is-invalid = the checklist of revision { $rev } is invalid
format-github-and-junit-are-for = --format github and junit are for audit check
format-xlsx-writes-a-binary-workbook = --format xlsx writes a binary workbook: give the file with -o FILE.xlsx
must-not-be-empty-flag = { $flag } must not be empty
has-no-level-to-start-from = { $file } has no level to start from
already-has-every-level-name-one = { $file } already has every level; name one with --level
the-row-gives-no-point-values = the row gives no point values
satisfaction-gives-both-counts-and-rate = {""}[satisfaction] gives both counts and `rate`: keep one of them
record-files-checked-errors-warnings = { $n } record files checked: { $errors } errors, { $warnings } warnings
gate-passed = passed
failed-capitals = FAILED
vetoes = vetoes
error = error
warning = warning
a-link-to-a-file-outside = a link to a file outside the records root: it is not read
a-link-to-a-folder-outside = a link to a folder outside the records root: its files are not read
cannot-write-is-not-a-folder = cannot write { $path }: { $folder } is not a folder
cannot-create = cannot create { $folder }: { $problem }
is-a-symbolic-link-audit-does = { $path } is a symbolic link: audit does not write through links in the records root
cannot-write-leads-outside-the-records = cannot write { $path }: { $folder } leads outside the records root { $root }
is-not-a-regular-file-a = { $path } is not a regular file, a named pipe or a character device: audit does not write to it
cannot-edit-the-record-is-not = cannot edit the record: { $name } is not a table
waiting-for-another-audit-command-that = waiting for another audit command that is writing to { $root }…
changed-while-the-import-was-being = { $file } changed while the import was being prepared; nothing was written: import again
the-import-stopped-after-of-files = the import stopped after { $n } of { $total } files; the next audit import completes it
an-interrupted-import-had-written-nothing = an interrupted import had written nothing yet; its staged files in { $journal } were removed
an-interrupted-import-left-but-changed = an interrupted import left { $journal }, but { $file } changed since; check it, then remove { $journal }
an-interrupted-import-was-completed-of = an interrupted import was completed: { $n } of its { $total } files were still to be written
is-on-another-file-system-than = { $file } is on another file system than the records root; nothing was written
is-larger-than-mb-import-reads = { $file } is larger than { $max } MB; import reads spreadsheets up to that size
has-parts-import-reads-workbooks-of = { $file } has { $n } parts; import reads workbooks of at most { $max }
unpacks-to-more-than-mb-alone = { $file } unpacks to more than { $max } MB ({ $part } alone to { $size } MB or more); import refuses it (a zip bomb?)
the-formula-has-no-saved-result = { $cell }: the formula ={ $formula } has no saved result (the program that wrote the file does not calculate); open and save the file in Excel, WPS or LibreOffice, or type the value
cell-makes-the-used-range-rows = { $file }: cell { $cell } makes the used range { $from }:{ $to } ({ $rows } rows × { $columns } columns); import reads at most { $max } cells: delete the stray cells or copy the table to a new sheet
has-no-level-levels-present = { $file } has no { $level } level; levels present: { $present }
would-pass = would pass
would-fail = would fail: { $reasons }
verdict-of-this-level = verdict of this level
record-has-no-level = the record has no assessment level ([self], [review] or [acceptance]): it is incomplete
record-lacks-points = {""}[{ $level }] lacks { $points }: the record is incomplete
level-lacks-points-incomplete = {""}[{ $level }] lacks { $points }: this level is incomplete
record-has-no-survey = the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
the-report-was-not-written-invalid = the report was not written: { $n } invalid record file(s) ({ $files }); fix them (see audit check), or pass --partial to write it with them counted as invalid
partial-report-invalid-record-s-left = PARTIAL REPORT: { $n } invalid record(s) left out of every figure: { $files }. Their branches count as "invalid" in the compliance rows, not as missing; fix them (see audit check) before relying on these figures
of-them-name-no-readable-org = { $n } of them name no readable org, branch or period and are counted in no row
partial-report = PARTIAL REPORT
invalid = invalid
the-record-file-is-invalid-and = the record file { $file } is invalid and left out (see audit check)
invalid-left-out = ; { $invalid } INVALID (left out)
applicable-max = applicable max
applicable = applicable
a-point-counts-in-the-records = a point counts in the records where it applies ("na" and unassessed left out); its average is over those records
an-item-s-average-is-the = an item's average is the sum of its points' averages; its applicable max the sum of the max of its points that apply anywhere; share of max = average / applicable max
lost-points-of-applicable-max = lost points = share of the records that scored below the applicable max
applicable-max-without-the-points-marked = applicable = max without the points marked "na"; lost = applicable − score
format-csv-holds-one-table-per = --format csv holds one table per file, and this output has { $n } tables ({ $files }): give a folder with -o DIR to write one file per table
no-org-named-did-you-mean = no org named '{ $org }' (did you mean '{ $near }'?); known: { $known }
no-org-named-known = no org named '{ $org }'; known: { $known }
no-period-known = no period '{ $period }'; known: { $known }
more = {""} … ({ $n } more)
is-a-folder-audit-explain-takes = { $path } is a folder: audit explain takes one record file, e.g. { $example } (audit score { $path } lists the records in it)
is-a-folder-audit-explain-takes-path = { $path } is a folder: audit explain takes one record file
is-the-checklist-audit-explain-takes = { $file } is the checklist: audit explain takes one record file (audit check validates the checklist)
is-the-roster-audit-explain-takes = { $file } is the roster: audit explain takes one record file (audit report counts the roster's branches)
the-checklist-s-step = the checklist's `step`
the-checklist-s-step-must-be = the checklist's `step` must be greater than 0
unknown-language-known-en-zh = unknown language '{ $lang }'; known: en, zh
audit-lang-unknown-language-known-en = AUDIT_LANG: unknown language '{ $lang }'; known: en, zh; continuing in English
the-embedded-reference-checklist-is-invalid = the embedded reference checklist is invalid
assessment-record-version = # Assessment record: { $title } (version { $version })
assessment-record = # Assessment record: { $title }
bonus-points-at-most-in-all = # Bonus points, at most { $cap } in all.
max-title-max = { $title } (max { $max })
points-id-title-max = { $id } { $title } · { $max } points
max-scored-from-the-satisfaction-survey = max { $max }: scored from the satisfaction survey, not written here
max-in-steps-of = max { $max } in steps of { $step }
max-max = max { $max }
grades = ; grades: { $grades }
started-from-the-level-change-what = { $level }: started from the { $source } level; change what the branch finds different.
started-from-level-review = { $level }: started from the { $source } level; change what the review finds different.
started-from-level-acceptance = { $level }: started from the { $source } level; change what the acceptance finds different.
example-not-a-real-branch-it =
    # EXAMPLE, not a real branch: it is not in roster.toml and counts in no compliance rate or benchmark.
    # Delete this file and its folders once your own records are in.
    #
    {""}
fill-in-every-below-then-check =
    #
    # Fill in every "" below, then check the file:  audit check FILE
    {""}
an-example-full-marks-at-acceptance =
    #
    # An example: full marks at acceptance. Copy it or use `audit new` for a blank form.
    {""}
value-help-explain =
    # A value is points (3, 2.5), a grade name ("good"), "na" where a point allows it, or
    {""}
two-meetings-without-minutes = two meetings without minutes
a-note-or-evidence-goes-with = # A note or evidence goes with it as
survey-of-members-and-the-masses =
    # Survey of members and the masses (required): valid ballots and satisfied ones,
    # or replace both lines with  rate = "92.5%"
    {""}
survey-of-members-and-the-masses-optional =
    # Survey of members and the masses (optional):
    {""}
one-vote-vetoes-true-if-it =
    # One-vote vetoes: true if it happened (fails the record whatever its score).
    {""}
bonus-points = # Bonus points.
na-if-not-applicable = ; "na" if not applicable
below-zero-only-from-deductions = [{ $level }] { $id }: { $score } in the sheet is below 0, which only deductions written in the record give (floor = "item"); write them in the record, or give 0 or more
several-raters-are-written-as = # Several raters' scores, averaged, are written as
measures-counts-or-a-rate =
    # Measures, each as counts  {"{"} of = 40, count = 13 {"}"}  (13 of 40 members),
    # or as the rate  "32.5%"  when only the rate is known.
    {""}
measure-scores-points = { $title } (scores { $points })
a-count-per-each-at-most = { $title }: a count, { $per } points each, at most { $max }
a-count-per-each-no-cap = { $title }: a count, { $per } points each, no cap
points-at-most = { $title }: points, at most { $max }
penalties-subtracted-from-the-total = # Penalties, subtracted from the total.
penalties-at-most-in-all = # Penalties, subtracted from the total, at most { $cap } in all.
a-level-may-hold-its-own =
    # A level may grant its own bonus and penalties: written under it, they replace the
    # tables above when that level is scored (the branch claims, the group grants), e.g.
    {""}
at-least-min-to-pass = ; at least { $min } to pass
at-least-share-to-pass = ; at least { $min } of its points to pass
deductions-floored-at-0-for-the-item = ; deductions floored at 0 for the item as a whole
weight-of-the-base = ; weight { $weight }
deductions-at-most = ; deductions at most { $cap }
max-scored-from-measure = max { $max }: scored from measure { $measure } ({ $title }) under [measures], not written here
full-width-character-write-the-half = full-width character '{ $c }': write the half-width { $half }
full-width-space-write-a-half = full-width space: write a half-width space
cannot-read-the-file = cannot read the file: { $e }
the-checklist-of-is-invalid = the checklist of { $rev } is invalid
cannot-read-path = cannot read { $path }
cannot-create-path = cannot create { $path }
cannot-edit = cannot edit { $path }: { $e }
cannot-open = cannot open { $path }
has-no-worksheet = { $path } has no worksheet
cannot-read-the-worksheet = { $path }: cannot read the worksheet { $sheet }
is-not-utf-8-save-it = { $path } is not UTF-8: save it as "CSV UTF-8" (Excel) or UTF-8 CSV (WPS)
not-valid-csv = { $path }: not valid CSV
give-org-branch-and-period-or = give --org, --branch and --period (or --from FILE)
cannot-edit-the-record = cannot edit the record: { $e }
cannot-create-a-file-in = cannot create a file in { $path }
cannot-write = cannot write { $path }
cannot-write-pass-force-to-overwrite = cannot write { $path } (pass --force to overwrite)
is-outside = { $path } is outside { $root }
is-damaged = { $path } is damaged
cannot-lock = cannot lock { $path }
cannot-remove = cannot remove { $path }
cannot-flush = cannot flush { $path }
cannot-open-not-an-xlsx-workbook = cannot open { $path }: not an xlsx workbook
cannot-open-a-damaged-xlsx-workbook = cannot open { $path }: a damaged xlsx workbook
cannot-open-is-damaged = cannot open { $path }: { $part } is damaged
the-diff-was-not-written-has = the diff was not written: { $name } has { $n } invalid record file(s) ({ $files }); fix them (see audit check)
nothing-was-imported-fix-the-records = nothing was imported: fix the records root first (see audit check)
a-link-to-a-folder-that = a link to a folder that contains it: it is not followed
an-interrupted-import-left-this-journal = an interrupted import left this journal: some of its records may not be written yet; the next audit import completes or undoes it
cannot-write-standard-output = cannot write to standard output
max-deduction-above-max = `max_deduction` of { $what } is { $cap }, above its max { $max }
floor-must-be-item-or-point = `floor` of { $what } must be "item" or "point", not { $got_dbg }
item-min-above-max = item { $id }: `min` is { $min }, above its max { $max }
scale-without-weights = `scale` is the full mark of a checklist with item weights, and no item has a `weight`
item-lacks-weight = item { $id } has no `weight`, but other items do: give every item a weight, or none
item-weights-sum-to = the item weights add up to { $sum }, not 100%
combine-weights-sum-to = the level weights of [combine] add up to { $sum }, not 100%
combine-with-min-level = [combine] and `min_level` of [pass] exclude each other: a combined record is scored from its weighted levels
the-weight-of-level = the weight of level { $level }
combined = combined
combined-base = { $base } = { $terms }
level-weight-base = { $level } { $weight } × { $base }
level-weight-missing = { $level } { $weight } × (missing)
combined-items-note = item and point scores are the weighted sums of the levels' scores; notes and evidence are those of { $level }
weighted-sum-of-the-levels-scores = the weighted sum of the levels' scores
combined-levels-help = # The score weighs the levels: { $levels }; each of them must be complete
item-below-min = item { $item } scored { $score }, below its minimum { $min }
item-below-min-share = item { $item } scored { $share }, below its minimum { $min }
item-below-min-na = item { $item } scored { $score } of { $applicable } applicable ({ $share }), below its minimum { $min } of { $max } ({ $needed })
deductions-capped-at = deductions of { $lost } capped at { $cap } (max_deduction)
deductions-below-0-item-floor = deductions of { $lost } take the point to { $score }: floored with its item
item-floored-at-0 = points add up to { $sum }: the item is floored at 0
item-min-met = minimum { $min }: met
item-min-not-met = minimum { $min }: not met
item-min-exempt = minimum { $min }: exempt, nothing applies
weighted-base = { $base } of { $scale } (item weights: { $weights })
item-share-weight = { $item } { $share } × { $weight }
item-weight-na = { $item } n/a × { $weight }
item-weight = weight { $weight }

# Penalties, counted bonus, bands for failing records, tables per level (SPEC §11.5, 11.6, 11.10)
penalties = penalties
penalty = penalty
a-penalty = a penalty
penalty-id = penalty { $id }
band-status-must-be-pass-or-fail = `status` of { $what } must be "pass" or "fail", not { $word_dbg }
reserved-point-id = point id `{ $id }` is reserved: a record uses it for its own table or key; choose another id
count-must-be-whole = { $what } counts occurrences of { $per } points each: { $value } is not a whole count
value-exceeds-its-max = { $what }: { $value } exceeds its max { $max }
per-times-count = { $per } × { $count }
capped-at-its-max = capped at its max { $max }
floored-at-0-from = floored at 0 from { $raw }
penalty-is-not-within-0-to = penalty { $id }: { $p } is not within 0 to { $max }
penalty-id-value-problem = penalty { $id }: { $value } { $problem }
penalty-differs-from-row-of-the = penalty { $id } differs from row { $first_row } of the same record
penalty-is-in-the-file-in = penalty { $id } is { $was } in the file, { $now } in the sheet

# SPEC §11.7 measures and §11.8 several raters
measure = measure
# the score table's column naming a record's checklist version (SPEC §11.11)
version-column = version
a-measure = a measure
measure-id = measure { $id }
rating-n-of = rating { $n } of { $what }
derive-of-names-no-measure-did-you-mean = `derive` of { $what } must be "satisfaction" or a measure id, not { $kind_dbg } (did you mean `{ $near }`?)
derive-of-names-no-measure = `derive` of { $what } must be "satisfaction" or a measure id ({ $known }), not { $kind_dbg }
derived-from-measure-in-record = {""}[{ $level }]: point { $id } is derived from measure { $measure }; remove it and give { $measure } under [measures] instead
measure-of-must-be-at-least-1 = measure { $id }: `of` must be at least 1, got { $of }
measure-count-must-not-be-negative = measure { $id }: `count` must not be negative, got { $count }
measure-count-exceeds-of = measure { $id }: `count` ({ $count }) exceeds `of` ({ $of })
record-has-no-measure = measure { $id } is missing (points { $points } derive from it): the record is incomplete
ratings-must-be-a-list-of = { $what }: `ratings` must be a list of points or grade names, not { $kind }
ratings-is-empty = { $what }: `ratings` is empty; give at least one rating
a-rating-cannot-be-na = { $what } cannot be "na"
give-only-one-of-score-deductions-ratings = { $what }: give only one of `score`, `deductions` or `ratings`
measure-missing = measure { $id } is missing
from-measure-band = from measure { $id } { $rate } (band ≥ { $min })
from-measure-below-every-band = from measure { $id } { $rate }: below every band
no-measure-scores-0 = measure { $id } not given: scores 0
ratings-mean = ratings { $ratings }: mean { $mean }
rating-n = rating { $n }
rating-n-problem = rating { $n }: { $problem }
measure-id-value-problem = measure { $id }: { $value } { $problem }
measure-cell-is-not-counts = measure { $id }: { $value } is not counts such as 18/24 (count/of) nor a rate
measure-differs-from-row-of-the = measure { $id } differs from row { $first_row } of the same record
measure-is-in-the-file-in = measure { $id } is { $was } in the file, { $now } in the sheet
is-derived-from-measure-it = { $what } is derived from measure { $measure }: it cannot be optional or have grades or a step

# SPEC §12.3 rectification (整改)
task = task
due = due
done = done
days = days
task-open = open
task-overdue = overdue
task-done = done
task-late = late
rectification-tasks-as-of = Rectification tasks as of { $date }
rectification-tasks-by-status = Rectification tasks by status as of { $date }
no-rectification-tasks = no rectification tasks
points-that-lost-points-without-a-task = Points that lost points without a rectification task
every-lost-point-has-a-task = every point that lost points has a task
rectification = Rectification
overdue-first = overdue first, most days first
point-title = point title
task-overdue-by = { $org } / { $branch } / { $period }: { $task } was due { $due }, { $days ->
    [one] 1 day overdue
   *[other] { $days } days overdue
} on { $as_of }
task-of-point = point { $point } "{ $task }"
task-quoted = "{ $task }"
at-place = { $file }:{ $line }:{ $column }: { $what }
no-overdue-tasks = no rectification task overdue on { $as_of }
task-line = {"  "}↳ rectification: { $task }
task-due = due { $due }
task-due-done = due { $due }, done { $done }
task-line-no-point = rectification (no point): { $task }
rectification-by-org = Rectification by org
untracked = Untracked
