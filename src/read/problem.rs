//! What the readers say is wrong with an input file: each problem a variant with its
//! figures, declared once below with the catalogue id that is its `code` in JSON. The
//! readers build them with [`problem!`](crate::problem), so a missing or misspelt figure is
//! a compile error; they become [`Text`]s (the id and its arguments) that the edge renders
//! in English for JSON and in the interface language for people. The phrases that name what
//! a problem is about ("a band of 4.2", "`step` of point 1.1") stay `both!` texts: they are
//! arguments of problems, not problems. A test checks every variant against the catalogue.
//!
//! Generated once from the readers' `both!` calls (issue 10), hence names that follow the
//! ids; the first line of each doc comment is the English message.

use crate::i18n::Text;

/// Declares [`Problem`]: `Variant = "catalogue-id" { field, … }`.
macro_rules! problems {
    ($($(#[$doc:meta])* $variant:ident = $code:literal { $($field:ident),* $(,)? }),* $(,)?) => {
        /// A problem of an input file, with its figures (each already a [`Text`]).
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$doc])* $variant { $($field: Text),* },)*
        }

        impl Problem {
            /// Every problem: its code and the names of its figures.
            pub const ALL: &[(&str, &[&str])] = &[$(($code, &[$(stringify!($field)),*])),*];

            /// The stable code: the catalogue id of the message.
            pub fn code(&self) -> &'static str {
                match self {
                    $(Problem::$variant { .. } => $code,)*
                }
            }
        }

        impl From<Problem> for Text {
            fn from(p: Problem) -> Text {
                match p {
                    $(Problem::$variant { $($field),* } => Text::Message {
                        code: $code,
                        args: vec![$((stringify!($field), $field)),*],
                    },)*
                }
            }
        }
    };
}

/// `problem!(ScoreExceedsItsMax { p: score, max })`: that [`Problem`] as a [`Text`],
/// each figure turned into text as `both!` does (a [`Word`](crate::i18n::Word) stays a word).
#[macro_export]
macro_rules! problem {
    (@value $field:ident) => {
        $field
    };
    (@value $field:ident, $value:expr) => {
        $value
    };
    ($variant:ident $({ $($field:ident $(: $value:expr)?),* $(,)? })?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::BothArg as _;
        $crate::i18n::Text::from($crate::read::problem::Problem::$variant {
            $($($field: $crate::i18n::BothArg::text(&$crate::problem!(@value $field $(, $value)?))),*)?
        })
    }};
}

problems! {
    /// TOML syntax: { $message }
    TomlSyntax = "toml-syntax" { message },
    /// { $what } must be a table, not { $kind }
    MustBeATableNot = "must-be-a-table-not" { what, kind },
    /// { $what } lacks the required key `{ $key }`
    LacksTheRequiredKey = "lacks-the-required-key" { what, key },
    /// `{ $key }` in { $what } must be true or false, not { $kind }
    InMustBeTrueOrFalse = "in-must-be-true-or-false" { key, what, kind },
    /// { $what } must not be empty
    MustNotBeEmpty = "must-not-be-empty" { what },
    /// { $what } must be text, not { $kind }
    MustBeTextNot = "must-be-text-not" { what, kind },
    /// `min_band` in [benchmark] names { $band }, which is not one of the checklist's bands ({ $known })
    MinBandIsNotABand = "min-band-is-not-a-band" { band, known },
    /// { $what } must be a date such as 2024-09-30 (no quotes, no time), not { $kind }
    MustBeADateNot = "must-be-a-date-not" { what, kind },
    /// the { $level } level is dated { $date }, before the { $lower } level's { $lower_date }
    LevelDatedBeforeLower = "level-dated-before-lower" { level, date, lower, lower_date },
    /// { $what } must be a number, not { $kind }
    MustBeANumberNot = "must-be-a-number-not" { what, kind },
    /// { $what } must not be negative, got { $text }
    MustNotBeNegativeGot = "must-not-be-negative-got" { what, text },
    /// { $what }: { $text } { $problem }
    WhatTextProblem = "what-text-problem" { what, text, problem },
    /// { $what } must be a rate such as "90%", not { $kind }
    MustBeARateSuchAs = "must-be-a-rate-such-as" { what, kind },
    /// { $what }: { $value } { $problem }
    WhatValueProblem = "what-value-problem" { what, value, problem },
    /// { $what } is not filled in
    IsNotFilledIn = "is-not-filled-in" { what },
    /// { $what } must be a whole number, not { $value }
    MustBeAWholeNumberNot = "must-be-a-whole-number-not" { what, value },
    /// the checklist's `step` must be greater than 0
    TheChecklistSStepMustBe = "the-checklist-s-step-must-be" {},
    /// the checklist has no items
    TheChecklistHasNoItems = "the-checklist-has-no-items" {},
    /// duplicate id `{ $id }`: already used by { $first }
    DuplicateIdAlreadyUsedBy = "duplicate-id-already-used-by" { id, first },
    /// { $what } must be a list of tables, not { $kind }
    MustBeAListOfTables = "must-be-a-list-of-tables" { what, kind },
    /// `{ $key }` of { $what } must be greater than 0
    OfMustBeGreaterThan0 = "of-must-be-greater-than-0" { key, what },
    /// `min_level` must be one of self, review, acceptance, not { $name_dbg }
    MinLevelMustBeOneOf = "min-level-must-be-one-of" { name_dbg },
    /// item { $id } has no points
    ItemHasNoPoints = "item-has-no-points" { id },
    /// item { $id }: `max` is { $max } but its points' max add up to { $sum }
    ItemMaxIsButItsPoints = "item-max-is-but-its-points" { id, max, sum },
    /// `step` of { $what } must be greater than 0
    StepOfMustBeGreaterThan = "step-of-must-be-greater-than" { what },
    /// grade { $name_dbg } of { $what } gives { $p }, above its max { $max }
    GradeOfGivesAboveItsMax = "grade-of-gives-above-its-max" { name_dbg, what, p, max },
    /// { $what }: "na" cannot be a grade name
    NaCannotBeAGradeName = "na-cannot-be-a-grade-name" { what },
    /// { $what }: `grades` is empty
    GradesIsEmpty = "grades-is-empty" { what },
    /// { $what }: its max { $max } is not a multiple of its step { $step }, so full marks are impossible
    ItsMaxIsNotAMultiple = "its-max-is-not-a-multiple" { what, max, step },
    /// { $what }: grade { $name_dbg } gives { $p }, not a multiple of its step { $step }
    GradeGivesNotAMultipleOf = "grade-gives-not-a-multiple-of" { what, name_dbg, p, step },
    /// `derive` of { $what } must be "satisfaction", not { $kind_dbg }
    DeriveOfMustBeSatisfactionNot = "derive-of-must-be-satisfaction-not" { what, kind_dbg },
    /// { $what } is derived but has no `bands`
    IsDerivedButHasNoBands = "is-derived-but-has-no-bands" { what },
    /// { $what } has `bands` but no `derive = "satisfaction"`
    HasBandsButNoDeriveSatisfaction = "has-bands-but-no-derive-satisfaction" { what },
    /// { $what } is derived from the survey: it cannot be optional or have grades, a step or a `max_deduction`
    IsDerivedFromTheSurveyIt = "is-derived-from-the-survey-it" { what },
    /// `max_deduction` of { $what } is { $cap }, above its max { $max }
    MaxDeductionAboveMax = "max-deduction-above-max" { what, cap, max },
    /// `floor` of { $what } must be "item" or "point", not { $got_dbg }
    FloorMustBeItemOrPoint = "floor-must-be-item-or-point" { what, got_dbg },
    /// item { $id }: `min` is { $min }, above its max { $max }
    ItemMinAboveMax = "item-min-above-max" { id, min, max },
    /// `scale` is the full mark of a checklist with item weights, and no item has a `weight`
    ScaleWithoutWeights = "scale-without-weights" {},
    /// item { $id } has no `weight`, but other items do: give every item a weight, or none
    ItemLacksWeight = "item-lacks-weight" { id },
    /// the item weights add up to { $sum }, not 100%
    ItemWeightsSumTo = "item-weights-sum-to" { sum },
    /// the level weights of [combine] add up to { $sum }, not 100%
    CombineWeightsSumTo = "combine-weights-sum-to" { sum },
    /// [combine] and `min_level` of [pass] exclude each other: a combined record is scored from its weighted levels
    CombineWithMinLevel = "combine-with-min-level" {},
    /// a band of { $what } gives { $points }, above its max { $max }
    ABandOfGivesAboveIts = "a-band-of-gives-above-its" { what, points, max },
    /// the bands of { $what } must have descending `min`: { $min } follows { $prev }
    TheBandsOfMustHaveDescending = "the-bands-of-must-have-descending" { what, min, prev },
    /// { $what }: `bands` is empty, so the point would always score 0
    BandsIsEmptySoThePoint = "bands-is-empty-so-the-point" { what },
    /// {""}[expect] says { $expected } { $noun } but the checklist has { $actual }
    ExpectSaysButTheChecklistHas = "expect-says-but-the-checklist-has" { expected, noun, actual },
    /// {""}[expect] says a total of { $expected } points but the points' max add up to { $actual }
    ExpectSaysATotalOfPoints = "expect-says-a-total-of-points" { expected, actual },
    /// the record has no assessment level ([self], [review] or [acceptance]): it is incomplete
    RecordHasNoLevel = "record-has-no-level" {},
    /// {""}[{ $level }] lacks { $points }: the record is incomplete
    RecordLacksPoints = "record-lacks-points" { level, points },
    /// {""}[{ $level }] lacks { $points }: this level is incomplete
    LevelLacksPointsIncomplete = "level-lacks-points-incomplete" { level, points },
    /// the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
    RecordHasNoSurvey = "record-has-no-survey" {},
    /// {""}[satisfaction] gives both counts and `rate`: keep one of them
    SatisfactionGivesBothCountsAndRate = "satisfaction-gives-both-counts-and-rate" {},
    /// `surveyed` must be at least 1, got { $surveyed }
    SurveyedMustBeAtLeast1 = "surveyed-must-be-at-least-1" { surveyed },
    /// `satisfied` must not be negative, got { $satisfied }
    SatisfiedMustNotBeNegativeGot = "satisfied-must-not-be-negative-got" { satisfied },
    /// `satisfied` ({ $satisfied }) exceeds `surveyed` ({ $surveyed })
    SatisfiedExceedsSurveyed = "satisfied-exceeds-surveyed" { satisfied, surveyed },
    /// veto { $id } must be true or false, not { $kind }
    VetoMustBeTrueOrFalse = "veto-must-be-true-or-false" { id, kind },
    /// bonus { $id }: { $p } exceeds its max { $max }
    BonusExceedsItsMax = "bonus-exceeds-its-max" { id, p, max },
    /// {""}[{ $level }]: point { $id } is derived from the satisfaction survey; remove it and give [satisfaction] instead
    DerivedPointInRecord = "derived-point-in-record" { level, id },
    /// { $what }: give either `score` or `deductions`, not both
    GiveEitherScoreOrDeductionsNot = "give-either-score-or-deductions-not" { what },
    /// { $what }: a table needs `score` or `deductions`
    ATableNeedsScoreOrDeductions = "a-table-needs-score-or-deductions" { what },
    /// { $what }: write points without quotes: { $s }, not "{ $s }"
    WritePointsWithoutQuotesNot = "write-points-without-quotes-not" { what, s },
    /// { $what } must be points, a grade or "na", not { $kind }
    MustBePointsAGradeOr = "must-be-points-a-grade-or" { what, kind },
    /// { $what }: { $message }
    WhatMessage = "what-message" { what, message },
    /// not filled in
    NotFilledIn = "not-filled-in" {},
    /// "na" is only allowed on optional points, and { $id } is not optional
    NaIsOnlyAllowedOnOptional = "na-is-only-allowed-on-optional" { id },
    /// write "na" (in lower case) for not applicable, not { $s_dbg }
    WriteNaInLowerCaseFor = "write-na-in-lower-case-for" { s_dbg },
    /// unknown grade { $grade }: this point has no grades; give points 0 to { $max }
    UnknownGradeThisPointHasNo = "unknown-grade-this-point-has-no" { grade, max },
    /// unknown grade { $grade } (grades: { $names })
    UnknownGradeGrades = "unknown-grade-grades" { grade, names },
    /// score { $text } must not be negative
    ScoreMustNotBeNegative = "score-must-not-be-negative" { text },
    /// score { $p } exceeds its max { $max }
    ScoreExceedsItsMax = "score-exceeds-its-max" { p, max },
    /// score { $p } is not a multiple of its step { $step }
    ScoreIsNotAMultipleOf = "score-is-not-a-multiple-of" { p, step },
    /// { $what }: `deductions` must be a list of tables with points, times and reason
    DeductionsMustBeAListOf = "deductions-must-be-a-list-of" { what },
    /// { $what }: `times` must be at most { $MAX_TIMES }, got { $v }
    TimesMustBeAtMostGot = "times-must-be-at-most-got" { what, max_times, v },
    /// { $what }: `times` must be at least 1, got { $v }
    TimesMustBeAtLeast1 = "times-must-be-at-least-1" { what, v },
    /// { $what }: a deduction's `points` must be greater than 0
    ADeductionSPointsMustBe = "a-deduction-s-points-must-be" { what },
    /// { $what }: the deductions leave { $left }, not a multiple of its step { $step }
    TheDeductionsLeaveNotAMultiple = "the-deductions-leave-not-a-multiple" { what, left, step },
    /// { $what }: `deductions` is empty; give the full { $max } as a number instead
    DeductionsIsEmptyGiveTheFull = "deductions-is-empty-give-the-full" { what, max },
    /// { $what }: `evidence` must be a list of paths
    EvidenceMustBeAListOf = "evidence-must-be-a-list-of" { what },
    /// { $what }: evidence { $path_dbg } must be a path inside the records root
    EvidenceMustBeAPathInside = "evidence-must-be-a-path-inside" { what, path_dbg },
    /// { $what }: evidence { $path_dbg } leads outside the records root
    EvidenceLeadsOutsideTheRecordsRoot = "evidence-leads-outside-the-records-root" { what, path_dbg },
    /// { $what }: evidence { $path_dbg } does not exist
    EvidenceDoesNotExist = "evidence-does-not-exist" { what, path_dbg },
    /// { $org } / { $branch } is listed twice in the roster
    IsListedTwiceInTheRoster = "is-listed-twice-in-the-roster" { org, branch },
    /// `branch` must be a list of [[branch]] tables, not { $kind }
    BranchMustBeAListOf = "branch-must-be-a-list-of" { kind },
    /// { $org } / { $branch } / { $period } is named twice in the register
    IsNamedTwiceInTheRegister = "is-named-twice-in-the-register" { org, branch, period },
    /// `named` must be a list of [[named]] tables, not { $kind }
    NamedMustBeAListOf = "named-must-be-a-list-of" { kind },
    /// revoked { $revoked } precedes the decision of { $decided }
    RevokedPrecedesDecided = "revoked-precedes-decided" { revoked, decided },
    /// { $org } / { $branch } is named a benchmark for { $period }, but its record for { $period } is { $status }: a benchmark's record must pass
    NamedBenchmarkDidNotPass = "named-benchmark-did-not-pass" { org, branch, period, status },
    /// an interrupted import left this journal: some of its records may not be written yet; the next audit import completes or undoes it
    AnInterruptedImportLeftThisJournal = "an-interrupted-import-left-this-journal" {},
    /// a link to a file outside the records root: it is not read
    ALinkToAFileOutside = "a-link-to-a-file-outside" {},
    /// a link to a folder that contains it: it is not followed
    ALinkToAFolderThat = "a-link-to-a-folder-that" {},
    /// full-width space: write a half-width space
    FullWidthSpaceWriteAHalf = "full-width-space-write-a-half" {},
    /// full-width character '{ $c }': write the half-width { $half }
    FullWidthCharacterWriteTheHalf = "full-width-character-write-the-half" { c, half },
    /// unknown key `{ $key }` in { $what } (did you mean `{ $near }`?)
    UnknownKeyInDidYouMean = "unknown-key-in-did-you-mean" { key, what, near },
    /// unknown key `{ $key }` in { $what }
    UnknownKeyIn = "unknown-key-in" { key, what },
    /// unknown { $what } id `{ $id }`: the checklist defines none
    UnknownIdNoneDefined = "unknown-id-none-defined" { what, id },
    /// unknown { $what } id `{ $id }` (the checklist has { $known })
    UnknownId = "unknown-id" { what, id, known },
    /// {""}[{ $level }]: point ids must be quoted: write "{ $dotted }" = …, not { $dotted } = …
    PointIdsMustBeQuotedWrite = "point-ids-must-be-quoted-write" { level, dotted },
    /// { $what }: unknown point `{ $id }`
    TaskUnknownPoint = "task-unknown-point" { what, id },
    /// { $what }: unknown point `{ $id }` (did you mean `{ $near }`?)
    TaskUnknownPointDidYouMean = "task-unknown-point-did-you-mean" { what, id, near },
    /// {""}[{ $level }]: unknown point id `{ $id }`
    UnknownPointId = "unknown-point-id" { level, id },
    /// { $text } { $problem }
    TextProblem = "text-problem" { text, problem },
    /// { $org } / { $branch } is not in { $roster_file }
    IsNotIn = "is-not-in" { org, branch, roster_file },
    /// { $org } / { $branch } is expected { $window } in { $roster_file }, not in { $period }
    IsExpectedInNotIn = "is-expected-in-not-in" { org, branch, window, roster_file, period },
    /// { $problem }: the record is left out of compliance rates
    TheRecordIsLeftOutOf = "the-record-is-left-out-of" { problem },
    /// duplicate record for { $org } / { $branch } / { $period }: also in { $others }
    DuplicateRecordForAlsoIn = "duplicate-record-for-also-in" { org, branch, period, others },
    /// a link to a folder outside the records root: its files are not read
    ALinkToAFolderOutside = "a-link-to-a-folder-outside" {},
    /// cannot read the file: { $e }
    CannotReadTheFile = "cannot-read-the-file" { e },
    /// the file is not valid UTF-8 (byte { $valid }); save it as UTF-8
    TheFileIsNotValidUtf = "the-file-is-not-valid-utf" { valid },
    /// `status` of { $what } must be "pass" or "fail", not { $word_dbg }
    BandStatusMustBePassOrFail = "band-status-must-be-pass-or-fail" { what, word_dbg },
    /// point id `{ $id }` is reserved: a record uses it for its own table or key; choose another id
    ReservedPointId = "reserved-point-id" { id },
    /// { $what } counts occurrences of { $per } points each: { $value } is not a whole count
    CountMustBeWhole = "count-must-be-whole" { what, per, value },
    /// { $what }: { $value } exceeds its max { $max }
    ValueExceedsItsMax = "value-exceeds-its-max" { what, value, max },
    /// there is no checklist here in revision { $rev }
    ThereIsNoChecklistHereIn = "there-is-no-checklist-here-in" { rev },
    /// `derive` of { $what } must be "satisfaction" or a measure id, not { $kind_dbg } (did you mean `{ $near }`?)
    DeriveOfNamesNoMeasureDidYouMean = "derive-of-names-no-measure-did-you-mean" { what, kind_dbg, near },
    /// `derive` of { $what } must be "satisfaction" or a measure id ({ $known }), not { $kind_dbg }
    DeriveOfNamesNoMeasure = "derive-of-names-no-measure" { what, kind_dbg, known },
    /// {""}[{ $level }]: point { $id } is derived from measure { $measure }; remove it and give { $measure } under [measures] instead
    DerivedFromMeasureInRecord = "derived-from-measure-in-record" { level, id, measure },
    /// measure { $id }: `of` must be at least 1, got { $of }
    MeasureOfMustBeAtLeast1 = "measure-of-must-be-at-least-1" { id, of },
    /// measure { $id }: `count` must not be negative, got { $count }
    MeasureCountMustNotBeNegative = "measure-count-must-not-be-negative" { id, count },
    /// measure { $id }: `count` ({ $count }) exceeds `of` ({ $of })
    MeasureCountExceedsOf = "measure-count-exceeds-of" { id, count, of },
    /// measure { $id } is missing (points { $points } derive from it): the record is incomplete
    RecordHasNoMeasure = "record-has-no-measure" { id, points },
    /// { $what }: `ratings` must be a list of points or grade names, not { $kind }
    RatingsMustBeAListOf = "ratings-must-be-a-list-of" { what, kind },
    /// { $what }: `ratings` is empty; give at least one rating
    RatingsIsEmpty = "ratings-is-empty" { what },
    /// { $what } cannot be "na"
    ARatingCannotBeNa = "a-rating-cannot-be-na" { what },
    /// { $what } is derived from measure { $measure }: it cannot be optional or have grades or a step
    IsDerivedFromMeasureIt = "is-derived-from-measure-it" { what, measure },
    /// rating { $n }: { $problem }
    RatingNProblem = "rating-n-problem" { n, problem },
    /// { $what }: give only one of `score`, `deductions` or `ratings`
    GiveOnlyOneOfScoreDeductionsRatings = "give-only-one-of-score-deductions-ratings" { what },
    /// `periods` starts at { $from }, after its end { $until }: it covers no period
    PeriodsFromIsAfterUntil = "periods-from-is-after-until" { from, until },
    /// the periods of this checklist ({ $range }) overlap those of { $other } ({ $other_range }): a record must have one checklist
    ThePeriodsOfThisChecklistOverlap = "the-periods-of-this-checklist-overlap" { range, other, other_range },
    /// version { $version } is also that of { $other }: each checklist needs its own version
    TheVersionIsAlsoThatOf = "the-version-is-also-that-of" { version, other },
    /// there are several checklists: each needs a `version`
    SeveralChecklistsEachNeedsAVersion = "several-checklists-each-needs-a-version" {},
    /// no checklist covers period { $period } ({ $ranges })
    NoChecklistCoversPeriod = "no-checklist-covers-period" { period, ranges },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_a_message_of_the_catalogue_with_its_figures() {
        let resource =
            fluent_bundle::FluentResource::try_new(crate::i18n::catalogue::EN.to_string()).unwrap();
        let messages = crate::i18n::catalogue::patterns(&resource);
        let mut codes = std::collections::HashSet::new();
        for (code, fields) in Problem::ALL {
            assert!(codes.insert(code), "{code} is declared twice");
            let pattern = messages
                .get(code)
                .unwrap_or_else(|| panic!("{code}: no message"));
            let mut vars = std::collections::BTreeSet::new();
            crate::i18n::catalogue::variables(
                pattern,
                &messages,
                &mut vars,
                &mut Default::default(),
            );
            let fields: std::collections::BTreeSet<&str> = fields.iter().copied().collect();
            assert_eq!(vars, fields, "{code}");
        }
    }
}
