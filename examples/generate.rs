//! Generates a records root of N records for the reference checklist, for benchmarks.
//!
//! ```sh
//! cargo run --release --example generate -- /tmp/bench-records 100000
//! ```
//!
//! Records are spread over 20 orgs and the periods 2022–2024, and are deterministic (a fixed
//! pseudo-random sequence), so every run of the benchmark reads the same bytes. Every record
//! is valid; most pass, some fail on total or satisfaction, a few carry deductions with
//! reasons, grades, "na" points and bonus. `roster.toml` beside `checklist.toml` lists every
//! (org, branch) that has a record, sorted, as a real office's roster would.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use audit::diagnostic::SourceFile;
use audit::read::checklist::Checklist;

/// A small deterministic generator (xorshift): no dependency, same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: generate DIR [N]")?);
    let n: usize = args.next().map_or(Ok(100_000), |s| s.parse())?;
    if dir.exists() && std::fs::read_dir(&dir)?.next().is_some() {
        return Err(format!("{} is not empty", dir.display()).into());
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("checklist.toml"), audit::REFERENCE_CHECKLIST)?;
    let checklist = Checklist::parse(SourceFile::new(
        "checklist.toml",
        audit::REFERENCE_CHECKLIST,
    ))
    .map_err(|_| "the reference checklist is invalid")?;

    let periods = ["2022", "2023", "2024"];
    let orgs = 20;
    let branches_per_org = n.div_ceil(orgs * periods.len());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut written = 0;
    let mut roster = BTreeSet::new();
    'outer: for org in 0..orgs {
        for branch in 0..branches_per_org {
            let folder = dir.join(format!("org-{org:02}/branch-{branch:05}"));
            std::fs::create_dir_all(&folder)?;
            for period in periods {
                if written == n {
                    break 'outer;
                }
                let text = record(&checklist, &mut rng, org, branch, period);
                roster.insert((org_name(org), branch_name(branch)));
                std::fs::write(folder.join(format!("{period}.toml")), text)?;
                written += 1;
            }
        }
    }
    let mut text = String::from("# Every branch that has a record, expected in every period.\n");
    for (org, branch) in &roster {
        write!(
            text,
            "\n[[branch]]\norg = \"{org}\"\nbranch = \"{branch}\"\n"
        )
        .unwrap();
    }
    std::fs::write(dir.join("roster.toml"), text)?;
    eprintln!(
        "wrote {written} records and a roster of {} branches to {}",
        roster.len(),
        dir.display()
    );
    Ok(())
}

fn org_name(org: usize) -> String {
    format!("子公司{org:02}")
}

fn branch_name(branch: usize) -> String {
    format!("第{branch}党支部")
}

fn record(checklist: &Checklist, rng: &mut Rng, org: usize, branch: usize, period: &str) -> String {
    let mut s = String::new();
    writeln!(s, "org = \"{}\"", org_name(org)).unwrap();
    writeln!(s, "branch = \"{}\"", branch_name(branch)).unwrap();
    writeln!(s, "period = \"{period}\"\n").unwrap();
    let surveyed = 20 + rng.below(60);
    let unhappy = rng.below(surveyed / 6 + 1);
    writeln!(
        s,
        "[satisfaction]\nsurveyed = {surveyed}\nsatisfied = {}\n",
        surveyed - unhappy
    )
    .unwrap();
    if rng.below(20) == 0 {
        writeln!(s, "[bonus]\nB1 = 1\n").unwrap();
    }
    writeln!(s, "[acceptance]").unwrap();
    for point in checklist.points().filter(|p| !p.is_derived()) {
        let roll = rng.below(100);
        let value = if point.optional && roll < 5 {
            "{ score = \"na\", note = \"不适用\" }".to_string()
        } else if let Some((name, _)) = point.grades.get(usize::from(roll >= 85)) {
            format!("\"{name}\"")
        } else if roll >= 90 {
            let times = 1 + rng.below(2);
            format!(
                "{{ deductions = [ {{ points = 0.5, times = {times}, reason = \"第{}季度记录不全\" }} ] }}",
                1 + rng.below(4)
            )
        } else {
            point.max.to_string()
        };
        writeln!(s, "\"{}\" = {value}", point.id).unwrap();
    }
    s
}
