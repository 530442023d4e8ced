//! The interface language: English, or Chinese with `--lang zh` (also `AUDIT_LANG=zh`, or a
//! `LANG` starting with `zh`).
//!
//! Every text meant for people that has a Chinese version is in [`CATALOGUE`], one place,
//! keyed by its English text; `{name}` placeholders are filled after translation, so word
//! order may differ. JSON keys and values never change with the language: only renderers
//! for people call [`tr`] and [`fill`]. The language is chosen once at start-up.

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Chooses the language: the flag, else `AUDIT_LANG`, else `LC_ALL`/`LC_MESSAGES`/`LANG`.
pub fn choose(flag: Option<&str>) -> Lang {
    let from = |v: &str| {
        if v.to_ascii_lowercase().starts_with("zh") {
            Some(Lang::Zh)
        } else if v.is_empty() {
            None
        } else {
            Some(Lang::En)
        }
    };
    if let Some(l) = flag.and_then(from) {
        return l;
    }
    if let Some(l) = std::env::var("AUDIT_LANG").ok().as_deref().and_then(from) {
        return l;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// Sets the language for the rest of the run (the first call wins).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The text in the current language (unchanged when it has no entry or in English).
pub fn tr(english: &str) -> String {
    if lang() == Lang::Zh
        && let Some((_, zh)) = CATALOGUE.iter().find(|(en, _)| *en == english)
    {
        return (*zh).to_string();
    }
    english.to_string()
}

/// Like [`tr`], for a word whose translation depends on where it stands: looks up
/// `"{context}|{english}"`, shows `english` in English.
pub fn trc(context: &str, english: &str) -> String {
    if lang() == Lang::Zh {
        let key = format!("{context}|{english}");
        if let Some((_, zh)) = CATALOGUE.iter().find(|(en, _)| *en == key) {
            return (*zh).to_string();
        }
    }
    english.to_string()
}

/// Translates `template`, then replaces each `{name}` with its value.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    substitute(tr(template), args)
}

/// Replaces each `{name}` of `template` (as given, untranslated) with its value.
pub fn substitute(template: impl Into<String>, args: &[(&str, String)]) -> String {
    let mut out = template.into();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A text kept in English (for JSON, which never changes) and in the interface language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    /// What people read: the same as `en` in English.
    pub shown: String,
}

/// `t!("total {total} is below {min}", total = x, min = y)`: a text for people in the current
/// language.
#[macro_export]
macro_rules! t {
    ($template:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::fill($template, &[$((stringify!($name), ($value).to_string())),*])
    };
}

/// A value put into a [`Text`]: the same in both languages, except a [`Word`].
pub trait BothArg {
    fn en(&self) -> String;
    fn shown(&self) -> String;
}

impl<T: std::fmt::Display> BothArg for T {
    fn en(&self) -> String {
        self.to_string()
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

/// A word that is itself translated in the shown text ("self" → "自查").
pub struct Word<'a>(pub &'a str);

impl BothArg for Word<'_> {
    fn en(&self) -> String {
        self.0.to_string()
    }
    fn shown(&self) -> String {
        tr(self.0)
    }
}

/// `both!("total {total} is below {min}", total = x, min = y)`: a [`Text`].
#[macro_export]
macro_rules! both {
    ($template:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::BothArg as _;
        let en: &[(&str, String)] = &[$((stringify!($name), $crate::i18n::BothArg::en(&$value))),*];
        let shown: &[(&str, String)] = &[$((stringify!($name), $crate::i18n::BothArg::shown(&$value))),*];
        $crate::i18n::Text {
            en: $crate::i18n::substitute($template, en),
            shown: $crate::i18n::fill($template, shown),
        }
    }};
}

/// English → Chinese. Placeholders must match (a test checks).
pub const CATALOGUE: &[(&str, &str)] = &[
    // status words and levels
    ("pass", "达标"),
    ("fail", "未达标"),
    ("incomplete", "未完成"),
    ("missing", "缺报"),
    ("self", "自查"),
    ("review", "初审"),
    ("acceptance", "验收"),
    ("no level", "无评定层级"),
    // column names
    ("org", "单位"),
    ("branch", "支部"),
    ("period", "年度"),
    ("level", "层级"),
    ("base", "基础分"),
    ("bonus", "加分"),
    ("total", "总分"),
    ("satisfaction", "满意度"),
    ("band", "等级"),
    ("status", "结论"),
    ("reasons", "原因"),
    ("id", "编号"),
    ("item / point", "项目 / 评分点"),
    ("point", "评分点"),
    ("max", "满分"),
    ("score", "得分"),
    ("lost", "失分"),
    ("where points went", "失分说明"),
    ("figure", "项目"),
    ("value", "数值"),
    ("population", "应考核"),
    ("passed", "达标"),
    ("failed", "未达标"),
    ("rate", "达标率"),
    ("target", "目标"),
    ("met", "达成"),
    ("gap", "差值"),
    ("records", "记录数"),
    ("average gap", "平均差值"),
    ("self-rated higher", "自评偏高"),
    ("average", "平均分"),
    ("share of max", "得分率"),
    ("lost points", "失分支部占比"),
    ("most common deduction reasons", "常见扣分原因"),
    ("rank", "名次"),
    ("severity", "级别"),
    ("file", "文件"),
    ("line", "行"),
    ("column", "列"),
    ("message", "问题"),
    ("gate", "门禁"),
    ("result", "结果"),
    ("details", "详情"),
    ("change", "变化"),
    ("before", "变更前"),
    ("after", "变更后"),
    ("status before", "变更前结论"),
    ("total before", "变更前总分"),
    ("band before", "变更前等级"),
    ("status after", "变更后结论"),
    ("total after", "变更后总分"),
    ("band after", "变更后等级"),
    ("(all)", "（合计）"),
    ("(target)", "（目标）"),
    // sheet titles and names
    ("Scores", "得分"),
    ("Compliance", "达标率"),
    ("Explain", "评分明细"),
    ("Result", "结果"),
    ("Diagnostics", "问题"),
    ("Gates", "门禁"),
    ("Trend", "趋势"),
    ("Levels", "自评与复核"),
    ("Level gaps by org", "各单位评分差值"),
    ("Level gaps by point", "各评分点差值"),
    ("Items", "失分分析"),
    ("Benchmark", "标杆候选"),
    ("Changes", "变化"),
    ("Compliance: {title}", "达标情况：{title}"),
    (
        "Compliance trend: share of branches passing, per period",
        "达标率趋势：各年度达标支部占比",
    ),
    (
        "Totals per level (records with more than one complete level)",
        "各层级总分（有两个以上完整层级的记录）",
    ),
    ("Average gap per org", "各单位平均差值"),
    (
        "Points with the largest systematic gaps",
        "差值最大的评分点",
    ),
    ("Where points are lost", "失分分析"),
    (
        "Benchmark candidates: passing branches by total, then satisfaction",
        "标杆支部候选：达标支部按总分、满意度排序",
    ),
    ("Records that changed", "有变化的记录"),
    ("Compliance rate per period", "各年度达标率"),
    // cells and notes
    (
        "not met: needs {n} more passing branch",
        "未达成：还需 {n} 个支部达标",
    ),
    (
        "not met: needs {n} more passing branches",
        "未达成：还需 {n} 个支部达标",
    ),
    (
        "{n} record: {pass} pass, {fail} fail, {incomplete} incomplete",
        "共 {n} 条记录：达标 {pass}，未达标 {fail}，未完成 {incomplete}",
    ),
    (
        "{n} records: {pass} pass, {fail} fail, {incomplete} incomplete",
        "共 {n} 条记录：达标 {pass}，未达标 {fail}，未完成 {incomplete}",
    ),
    (
        "{period}: {passed} of {population} passed, target met",
        "{period}：{population} 个支部中 {passed} 个达标，已达成目标",
    ),
    (
        "{period}: {passed} of {population} passed, target not met: needs {n} more passing branches",
        "{period}：{population} 个支部中 {passed} 个达标，未达成目标：还需 {n} 个支部达标",
    ),
    (
        "{period}: {passed} of {population} passed, no target",
        "{period}：{population} 个支部中 {passed} 个达标，未设目标",
    ),
    (
        "gap = total of the lowest complete level − total of the highest; positive means the branch rated itself more generously",
        "差值 = 最低完整层级总分 − 最高层级总分；为正表示支部自评偏高",
    ),
    (
        "lost points = share of the records that scored below the max; \"na\" and unassessed points are left out",
        "失分支部占比 = 未得满分的记录所占比例；不适用及未评分的评分点不计",
    ),
    // explain
    (
        "{org} / {branch} / {period}: {level} ({file})",
        "{org} / {branch} / {period}：{level}（{file}）",
    ),
    ("scored {score} of {max}", "得 {score} 分（满分 {max}）"),
    ("grade {grade}", "等次：{grade}"),
    (
        "not applicable: left out of the applicable max",
        "不适用：不计入应得满分",
    ),
    (
        "(deductions of {lost} floored at 0)",
        "（扣分合计 {lost}，最低为 0 分）",
    ),
    (
        "from satisfaction {rate} (band ≥ {min})",
        "按满意度 {rate} 计分（≥ {min} 档）",
    ),
    (
        "from satisfaction {rate}: below every band",
        "按满意度 {rate} 计分：低于最低档",
    ),
    ("no satisfaction survey: scores 0", "无满意度测评：得 0 分"),
    ("not assessed", "未评分"),
    ("not assessed in {level}", "{level}未评分"),
    ("note: {note}", "备注：{note}"),
    ("evidence: {files}", "佐证材料：{files}"),
    ("{base} of {max}", "{base}（满分 {max}）"),
    (
        "{base} of {max}: {raw} of {applicable} applicable points, scaled × {max} / {applicable} and rounded",
        "{base}（满分 {max}）：适用满分 {applicable} 中得 {raw} 分，按 × {max} / {applicable} 折算并四舍五入",
    ),
    (
        "{rate} ({satisfied} of {surveyed} satisfied)",
        "{rate}（{surveyed} 票中满意 {satisfied} 票）",
    ),
    ("no survey", "无测评"),
    ("{sat}; required {min}", "{sat}；要求 {min}"),
    ("none triggered", "无"),
    ("none", "无"),
    ("capped from {raw}", "封顶前 {raw}"),
    // reasons
    ("total {total} is below {min}", "总分 {total} 低于 {min}"),
    (
        "satisfaction {rate} is below {min}",
        "满意度 {rate} 低于 {min}",
    ),
    ("veto {id}: {title}", "一票否决 {id}：{title}"),
    ("{level} lacks {points}", "{level}缺少评分点 {points}"),
    (
        "level {level} is below the required {min}",
        "评定层级“{level}”低于要求的“{min}”",
    ),
    ("the record has no {level} level", "记录没有“{level}”层级"),
    (
        "the record has no assessment level (self, review or acceptance)",
        "记录没有任何评定层级（自查、初审或验收）",
    ),
    ("the satisfaction survey is missing", "缺少满意度测评"),
    // check and report summaries
    (
        "{n} record files checked: {errors} errors, {warnings} warnings",
        "共检查 {n} 个记录文件：{errors} 个错误，{warnings} 个警告",
    ),
    ("gate|passed", "通过"),
    ("FAILED", "未通过"),
    ("vetoes", "一票否决"),
    ("error", "错误"),
    ("warning", "警告"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for (en, zh) in CATALOGUE {
            assert!(!en.is_empty() && !zh.is_empty(), "{en:?} → {zh:?}");
            assert_eq!(placeholders(en), placeholders(zh), "{en:?} → {zh:?}");
        }
    }

    #[test]
    fn every_text_the_code_translates_is_in_the_catalogue() {
        // The templates given to t!() and tr() in the sources must all have an entry.
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        let mut files = vec![std::path::PathBuf::from(src)];
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for marker in ["t!(\"", "tr(\"", "both!(\""] {
                for (at, _) in text.match_indices(marker) {
                    // `format!(` ends in `t!(` too: only whole macro and function names.
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let piece = &text[at + marker.len()..];
                    // The literal ends at the first quote not escaped by a backslash.
                    let mut end = None;
                    let mut escaped = false;
                    for (i, c) in piece.char_indices() {
                        match c {
                            '\\' if !escaped => escaped = true,
                            '"' if !escaped => {
                                end = Some(i);
                                break;
                            }
                            _ => escaped = false,
                        }
                    }
                    let Some(end) = end else { continue };
                    let template = piece[..end].replace("\\\"", "\"");
                    if !CATALOGUE.iter().any(|(en, _)| *en == template) {
                        missing.push(format!("{}: {template}", p.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the catalogue:\n{}",
            missing.join("\n")
        );
    }
}
