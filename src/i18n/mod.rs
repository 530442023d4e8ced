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

/// A language name that `audit` does not know, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownLang {
    /// `--lang fr`: an error (exit 2).
    Flag(String),
    /// `AUDIT_LANG=de`: a warning, and the run goes on in English.
    Env(String),
}

/// `en`, `zh`, or a locale-like form of them (`zh_CN.UTF-8`, `zh-Hans`, `en-US`).
pub fn parse_name(name: &str) -> Option<Lang> {
    let primary = name
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    }
}

/// Chooses the language: the flag, else `AUDIT_LANG`, else `LC_ALL`/`LC_MESSAGES`/`LANG`.
/// The flag and `AUDIT_LANG` name a language on purpose, so an unknown one is reported;
/// the locale variables are the machine's (`C`, `POSIX`, `de_DE.UTF-8`) and only a Chinese
/// one switches to Chinese, silently.
pub fn choose(flag: Option<&str>) -> (Lang, Option<UnknownLang>) {
    let env = std::env::var("AUDIT_LANG").ok().filter(|v| !v.is_empty());
    let from_env = || match env.as_deref().map(|v| (v, parse_name(v))) {
        Some((_, Some(l))) => (l, None),
        Some((v, None)) => (Lang::En, Some(UnknownLang::Env(v.to_string()))),
        None => (from_locale(), None),
    };
    match flag {
        Some(f) => match parse_name(f) {
            Some(l) => (l, None),
            None => (from_env().0, Some(UnknownLang::Flag(f.to_string()))),
        },
        None => from_env(),
    }
}

/// The language of the locale variables: Chinese for `zh*`, else English.
fn from_locale() -> Lang {
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

/// Whether people read Chinese: for texts whose English form needs plurals.
pub fn zh() -> bool {
    lang() == Lang::Zh
}

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The text in the current language (unchanged when it has no entry or in English).
pub fn tr(english: &str) -> String {
    if lang() == Lang::Zh
        && let Some(zh) = chinese().get(english)
    {
        return (*zh).to_string();
    }
    english.to_string()
}

/// The catalogue as a map, built once.
fn chinese() -> &'static std::collections::HashMap<&'static str, &'static str> {
    static MAP: OnceLock<std::collections::HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| CATALOGUE.iter().copied().collect())
}

/// Like [`tr`], for a word whose translation depends on where it stands: looks up
/// `"{context}|{english}"`, shows `english` in English.
pub fn trc(context: &str, english: &str) -> String {
    if lang() == Lang::Zh
        && let Some(zh) = chinese().get(format!("{context}|{english}").as_str())
    {
        return (*zh).to_string();
    }
    english.to_string()
}

/// Translates `template`, then replaces each `{name}` with its value.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    substitute(tr(template), args)
}

/// Replaces each `{name}` of `template` (as given, untranslated) with its value, in one
/// pass; a `{` that opens no known name is kept as it is.
pub fn substitute(template: impl Into<String>, args: &[(&str, String)]) -> String {
    let template = template.into();
    if args.is_empty() || !template.contains('{') {
        return template;
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        match arg {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
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

impl From<String> for Text {
    /// A text that has no translation (a name, a figure, a message of a library).
    fn from(s: String) -> Text {
        Text {
            en: s.clone(),
            shown: s,
        }
    }
}

impl From<&Text> for Text {
    fn from(t: &Text) -> Text {
        t.clone()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_string())
    }
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

impl BothArg for Text {
    fn en(&self) -> String {
        self.en.clone()
    }
    fn shown(&self) -> String {
        self.shown.clone()
    }
}

impl BothArg for &Text {
    fn en(&self) -> String {
        self.en.clone()
    }
    fn shown(&self) -> String {
        self.shown.clone()
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
        let en_text = $crate::i18n::substitute($template, en);
        let shown_text = if $crate::i18n::zh() {
            $crate::i18n::fill($template, shown)
        } else {
            en_text.clone()
        };
        $crate::i18n::Text {
            en: en_text,
            shown: shown_text,
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
    ("figure", "指标"),
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
    ("self-rated higher", "自查偏高"),
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
    ("Levels", "各层级对比"),
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
        "{period}: {passed} of {population} passed, target not met: needs {n} more passing branch",
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
    // diagnostics: kinds of values and ids
    ("text", "文本"),
    ("a number", "数字"),
    ("true/false", "true/false"),
    ("a date", "日期"),
    ("a list", "列表"),
    ("a table", "表"),
    ("veto", "一票否决项"),
    ("item", "项目"),
    // diagnostics: where
    ("the checklist has no items", "评分表没有任何项目"),
    ("a veto", "一票否决项"),
    ("a bonus", "加分项"),
    ("a band", "等级"),
    ("an item", "项目"),
    ("a point", "评分点"),
    ("a [[branch]]", "[[branch]] 表"),
    ("the record", "记录"),
    ("the checklist", "评分表"),
    ("the roster", "名单"),
    ("[{level}] point {id}", "[{level}] 评分点 {id}"),
    ("[{level}]", "[{level}]"),
    ("`derive` of {what}", "{what}的 `derive`"),
    ("`max` of item {id}", "项目 {id} 的 `max`"),
    ("`min_level` in [pass]", "[pass] 中的 `min_level`"),
    ("`min` of a band of {what}", "{what}某一档的 `min`"),
    ("`period`", "`period`"),
    ("`period` in the record", "记录中的 `period`"),
    ("`rate` in [satisfaction]", "[satisfaction] 中的 `rate`"),
    ("`satisfied`", "`satisfied`"),
    ("`surveyed`", "`surveyed`"),
    ("`step` of {what}", "{what}的 `step`"),
    (
        "`times` of a deduction of {what}",
        "{what}某项扣分的 `times`",
    ),
    ("`total` in [expect]", "[expect] 中的 `total`"),
    ("`{key}` in [expect]", "[expect] 中的 `{key}`"),
    ("`{key}` in {what}", "{what}中的 `{key}`"),
    ("`{key}` of {what}", "{what}的 `{key}`"),
    ("a band of {what}", "{what}的某一档"),
    ("a deduction of {what}", "{what}的某项扣分"),
    ("band {name}", "等级 {name}"),
    ("bonus {id}", "加分项 {id}"),
    ("evidence of {what}", "{what}的佐证材料"),
    ("from {f}", "自 {f} 起"),
    ("from {f} until {u}", "自 {f} 至 {u}"),
    ("until {u}", "至 {u} 止"),
    ("grade {name_dbg} of {what}", "{what}的等次 {name_dbg}"),
    ("item {id}", "项目 {id}"),
    ("point {id}", "评分点 {id}"),
    ("the bands of {what}", "{what}的分档"),
    ("the grades of {what}", "{what}的等次"),
    ("the id of {what}", "{what}的编号"),
    (
        "the target of period {period_dbg}",
        "年度 {period_dbg} 的目标",
    ),
    ("{what} {id}", "{what} {id}"),
    // diagnostics: problems
    ("TOML syntax: {message}", "TOML 语法错误：{message}"),
    (
        "[expect] says a total of {expected} points but the points' max add up to {actual}",
        "[expect] 规定总分 {expected}，但各评分点满分之和为 {actual}",
    ),
    (
        "[expect] says {expected} {noun} but the checklist has {actual}",
        "[expect] 规定 {expected} 个{noun}，但评分表实有 {actual} 个",
    ),
    (
        "[{level}]: point ids must be quoted: write \"{dotted}\" = …, not {dotted} = …",
        "[{level}]：评分点编号须加引号：写作 \"{dotted}\" = …，而不是 {dotted} = …",
    ),
    (
        "[{level}]: point {id} is derived from the satisfaction survey; remove it and give [satisfaction] instead",
        "[{level}]：评分点 {id} 由满意度测评计算，请删除此行并填写 [satisfaction]",
    ),
    (
        "[{level}]: unknown point id `{id}`",
        "[{level}]：未知的评分点编号 `{id}`",
    ),
    (
        "`derive` of {what} must be \"satisfaction\", not {kind_dbg}",
        "{what}的 `derive` 只能是 \"satisfaction\"，不能是 {kind_dbg}",
    ),
    (
        "`min_level` must be one of self, review, acceptance, not {name_dbg}",
        "`min_level` 只能是 self、review 或 acceptance，不能是 {name_dbg}",
    ),
    (
        "`satisfied` ({satisfied}) exceeds `surveyed` ({surveyed})",
        "`satisfied`（{satisfied}）大于 `surveyed`（{surveyed}）",
    ),
    (
        "`satisfied` must not be negative, got {satisfied}",
        "`satisfied` 不能为负数，实为 {satisfied}",
    ),
    (
        "`step` of {what} must be greater than 0",
        "{what}的 `step` 必须大于 0",
    ),
    (
        "`surveyed` must be at least 1, got {surveyed}",
        "`surveyed` 至少为 1，实为 {surveyed}",
    ),
    (
        "`{key}` of {what} must be greater than 0",
        "{what}的 `{key}` 必须大于 0",
    ),
    (
        "a band of {what} gives {points}, above its max {max}",
        "{what}的某一档给 {points} 分，超过满分 {max}",
    ),
    (
        "bonus {id}: {p} exceeds its max {max}",
        "加分项 {id}：{p} 超过上限 {max}",
    ),
    (
        "duplicate id `{id}`: already used by {first}",
        "编号 `{id}` 重复：已用于{first}",
    ),
    (
        "grade {name_dbg} of {what} gives {p}, above its max {max}",
        "{what}的等次 {name_dbg} 给 {p} 分，超过满分 {max}",
    ),
    ("has more than {n} decimals", "超过 {n} 位小数"),
    ("is not a number", "不是数字"),
    (
        "is not a rate (write \"92.5%\" or a fraction such as 0.925)",
        "不是比率（请写作 \"92.5%\" 或 0.925 这样的小数）",
    ),
    ("is not between 0% and 100%", "不在 0% 与 100% 之间"),
    ("is too large", "过大"),
    ("item {id} has no points", "项目 {id} 没有评分点"),
    (
        "item {id}: `max` is {max} but its points' max add up to {sum}",
        "项目 {id}：`max` 为 {max}，但其评分点满分之和为 {sum}",
    ),
    ("not filled in", "未填写"),
    ("score {p} exceeds its max {max}", "得分 {p} 超过满分 {max}"),
    (
        "score {p} is not a multiple of its step {step}",
        "得分 {p} 不是步长 {step} 的整数倍",
    ),
    (
        "score {text} must not be negative",
        "得分 {text} 不能为负数",
    ),
    (
        "unknown key `{key}` in {what}",
        "{what}中有未知的键 `{key}`",
    ),
    (
        "unknown key `{key}` in {what} (did you mean `{near}`?)",
        "{what}中有未知的键 `{key}`（是否应为 `{near}`？）",
    ),
    (
        "unknown {what} id `{id}`: the checklist defines none",
        "未知的{what}编号 `{id}`：评分表中没有定义",
    ),
    (
        "unknown {what} id `{id}` (the checklist has {known})",
        "未知的{what}编号 `{id}`（评分表中有 {known}）",
    ),
    (
        "veto {id} must be true or false, not {kind}",
        "一票否决项 {id} 只能是 true 或 false，不能是{kind}",
    ),
    (
        "write \"na\" (in lower case) for not applicable, not {s_dbg}",
        "不适用请写作小写的 \"na\"，而不是 {s_dbg}",
    ),
    (
        "{org} / {branch} is expected {window} in {ROSTER_FILE}, not in {period}",
        "{ROSTER_FILE} 中 {org} / {branch} 的考核期{window}，不含 {period}",
    ),
    (
        "{org} / {branch} is listed twice in the roster",
        "{org} / {branch} 在名单中出现两次",
    ),
    (
        "{org} / {branch} is not in {ROSTER_FILE}",
        "{org} / {branch} 不在 {ROSTER_FILE} 中",
    ),
    (
        "{problem}: the record is left out of compliance rates",
        "{problem}：此记录不计入达标率",
    ),
    (
        "duplicate record for {org} / {branch} / {period}: also in {others}",
        "{org} / {branch} / {period} 的记录重复：另见 {others}",
    ),
    ("{text} {problem}", "{text} {problem}"),
    (
        "{what} has `bands` but no `derive = \"satisfaction\"`",
        "{what}有 `bands`，但没有 `derive = \"satisfaction\"`",
    ),
    (
        "{what} is derived but has no `bands`",
        "{what}由测评计算，但没有 `bands`",
    ),
    (
        "{what} is derived from the survey: it cannot be optional or have grades or a step",
        "{what}由满意度测评计算：不能设为可不适用，也不能有等次或步长",
    ),
    ("{what} is not filled in", "{what}未填写"),
    (
        "{what} lacks the required key `{key}`",
        "{what}缺少必填的键 `{key}`",
    ),
    (
        "{what} must be a table, not {kind}",
        "{what}必须是表，不能是{kind}",
    ),
    (
        "{what} must be a list of tables, not {kind}",
        "{what}必须是表的列表，不能是{kind}",
    ),
    (
        "{what} must be a number, not {kind}",
        "{what}必须是数字，不能是{kind}",
    ),
    (
        "{what} must be a rate such as \"90%\", not {kind}",
        "{what}必须是 \"90%\" 这样的比率，不能是{kind}",
    ),
    (
        "{what} must be a whole number, not {value}",
        "{what}必须是整数，不能是 {value}",
    ),
    (
        "{what} must be points, a grade or \"na\", not {kind}",
        "{what}必须是分数、等次或 \"na\"，不能是{kind}",
    ),
    (
        "{what} must be text, not {kind}",
        "{what}必须是文本，不能是{kind}",
    ),
    ("{what} must not be empty", "{what}不能为空"),
    (
        "{what} must not be negative, got {text}",
        "{what}不能为负数，实为 {text}",
    ),
    (
        "`{key}` in {what} must be true or false, not {kind}",
        "{what}中的 `{key}` 只能是 true 或 false，不能是{kind}",
    ),
    (
        "{what}: \"na\" cannot be a grade name",
        "{what}：\"na\" 不能用作等次名称",
    ),
    (
        "{what}: `bands` is empty, so the point would always score 0",
        "{what}：`bands` 为空，该评分点将始终得 0 分",
    ),
    (
        "{what}: `deductions` must be a list of tables with points, times and reason",
        "{what}：`deductions` 必须是含 points、times、reason 的表的列表",
    ),
    (
        "{what}: `deductions` is empty; give the full {max} as a number instead",
        "{what}：`deductions` 为空；如无扣分请直接填写满分 {max}",
    ),
    (
        "{what}: `evidence` must be a list of paths",
        "{what}：`evidence` 必须是路径列表",
    ),
    ("{what}: `grades` is empty", "{what}：`grades` 为空"),
    (
        "{what}: `times` must be at least 1, got {v}",
        "{what}：`times` 至少为 1，实为 {v}",
    ),
    (
        "{what}: `times` must be at most {MAX_TIMES}, got {v}",
        "{what}：`times` 至多为 {MAX_TIMES}，实为 {v}",
    ),
    (
        "{what}: a deduction's `points` must be greater than 0",
        "{what}：扣分的 `points` 必须大于 0",
    ),
    (
        "{what}: a table needs `score` or `deductions`",
        "{what}：表中须有 `score` 或 `deductions`",
    ),
    (
        "{what}: evidence {path_dbg} does not exist",
        "{what}：佐证材料 {path_dbg} 不存在",
    ),
    (
        "{what}: evidence {path_dbg} leads outside the records root",
        "{what}：佐证材料 {path_dbg} 指向记录库之外",
    ),
    (
        "{what}: evidence {path_dbg} must be a path inside the records root",
        "{what}：佐证材料 {path_dbg} 必须是记录库内的路径",
    ),
    (
        "{what}: give either `score` or `deductions`, not both",
        "{what}：`score` 与 `deductions` 只能填一个",
    ),
    (
        "{what}: grade {name_dbg} gives {p}, not a multiple of its step {step}",
        "{what}：等次 {name_dbg} 给 {p} 分，不是步长 {step} 的整数倍",
    ),
    (
        "{what}: its max {max} is not a multiple of its step {step}, so full marks are impossible",
        "{what}：满分 {max} 不是步长 {step} 的整数倍，无法得满分",
    ),
    (
        "{what}: the deductions leave {left}, not a multiple of its step {step}",
        "{what}：扣分后得 {left} 分，不是步长 {step} 的整数倍",
    ),
    (
        "{what}: write points without quotes: {s}, not \"{s}\"",
        "{what}：分数不加引号：写作 {s}，而不是 \"{s}\"",
    ),
    ("{what}: {message}", "{what}：{message}"),
    ("{what}: {text} {problem}", "{what}：{text} {problem}"),
    ("{what}: {value} {problem}", "{what}：{value} {problem}"),
    (
        "the bands of {what} must have descending `min`: {min} follows {prev}",
        "{what}的分档 `min` 须从高到低：{min} 排在 {prev} 之后",
    ),
    (
        "\"na\" is only allowed on optional points, and {id} is not optional",
        "只有可不适用的评分点才能填 \"na\"，而 {id} 不是",
    ),
    (
        "unknown grade {grade}: this point has no grades; give points 0 to {max}",
        "未知的等次 {grade}：该评分点没有等次，请填写 0 至 {max} 的分数",
    ),
    (
        "unknown grade {grade} (grades: {names})",
        "未知的等次 {grade}（可用等次：{names}）",
    ),
    (
        "`branch` must be a list of [[branch]] tables, not {kind}",
        "`branch` 必须是 [[branch]] 表的列表，不能是{kind}",
    ),
    // gates
    ("deny {status}", "禁止{status}"),
    ("no {status} records", "没有{status}的记录"),
    ("min-compliance {min}", "达标率不低于 {min}"),
    (
        "{org} / {branch} / {period}: was pass in {rev}, now {status} ({total})",
        "{org} / {branch} / {period}：在 {rev} 中达标，现为{status}（{total}）",
    ),
    (
        "{period}: compliance dropped from {before} in {rev} to {after}",
        "{period}：达标率由 {rev} 中的 {before} 降至 {after}",
    ),
    (
        "no record newly failing and no compliance rate lower than in {rev}",
        "与 {rev} 相比，没有新增不达标的记录，达标率也没有下降",
    ),
    ("ratchet {rev}", "不倒退（对比 {rev}）"),
    ("{period}: no target set", "{period}：未设目标"),
    (
        "{period}: {passed} of {population} passed = {rate}, meets {min}",
        "{period}：{population} 个支部中 {passed} 个达标 = {rate}，达到 {min}",
    ),
    (
        "{period}: {passed} of {population} passed = {rate}, below {min} (needs {n} more passing branch)",
        "{period}：{population} 个支部中 {passed} 个达标 = {rate}，低于 {min}（还需 {n} 个支部达标）",
    ),
    (
        "{period}: {passed} of {population} passed = {rate}, below {min} (needs {n} more passing branches)",
        "{period}：{population} 个支部中 {passed} 个达标 = {rate}，低于 {min}（还需 {n} 个支部达标）",
    ),
    ("no records to judge", "没有可评判的记录"),
    // messages of the commands
    (
        "the checklist is invalid: nothing was scored",
        "评分表有误：未进行评分",
    ),
    (
        "{errors} errors found; invalid files are left out",
        "发现 {errors} 个错误；有误的文件未计入",
    ),
    (
        "roster.toml is invalid: no compliance figures until it is fixed",
        "roster.toml 有误：修正之前无法计算达标率",
    ),
    (
        "{name}: {errors} invalid record file(s) left out (see audit check)",
        "{name}：{errors} 个有误的记录文件未计入（见 audit check）",
    ),
    ("the checklist is invalid", "评分表有误"),
    ("kept the existing {rel}", "保留已有的 {rel}"),
    (
        "wrote {file}: fill in every \"\", then run: audit check {file}",
        "已生成 {file}：请填写所有 \"\"，然后运行：audit check {file}",
    ),
    (
        "added [{level}] to {file}, started from [{from}]: review the values, then run: audit check {file}",
        "已在 {file} 中添加 [{level}]，内容取自 [{from}]：请核对各项，然后运行：audit check {file}",
    ),
    (
        "nothing was imported: fix the sheet and import it again",
        "未导入任何内容：请修正表格后重新导入",
    ),
    ("nothing was imported", "未导入任何内容"),
    (
        "imported {rows} rows of {file}: {new} new records, {updated} updated, {unchanged} unchanged",
        "已导入 {file} 的 {rows} 行：新建 {new} 条记录，更新 {updated} 条，未变 {unchanged} 条",
    ),
    (
        "Started a records root in {dir}:",
        "已在 {dir} 建立记录库：",
    ),
    (
        "the reference checklist (10 items, 33 points, 100 points): adapt it to your programme",
        "参考评分表（10 项、33 个评分点、100 分）：请按本单位办法调整",
    ),
    (
        "the branches expected each period: none yet, list yours",
        "各年度应考核的支部：尚未列出，请填写本单位的支部",
    ),
    (
        "an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in",
        "示例记录，不在支部名单中（不计入达标率和标杆评选）：录入本单位记录后请删除",
    ),
    ("Next steps:", "下一步："),
    ("a blank form for each branch", "为每个支部生成空白表单"),
    ("after filling in", "填写之后校验"),
    ("one row per record", "每条记录一行的得分表"),
    // import
    (
        "the record of {org} / {branch} / {period}",
        "{org} / {branch} / {period} 的记录",
    ),
    (
        "{org} / {branch} / {period} would go to {file}, which holds {holder}",
        "{org} / {branch} / {period} 应写入 {file}，但该文件已是{holder}",
    ),
    (
        "{org} / {branch} / {period} and the record of row {other} would both be written to {file}: rename one",
        "{org} / {branch} / {period} 与第 {other} 行的记录都将写入 {file}：请修改其中一个名称",
    ),
    (
        "{file}: {change}; pass --force to replace it",
        "{file}：{change}；如需替换请加 --force",
    ),
    (
        "the record would be invalid: {problem}",
        "生成的记录将无效：{problem}",
    ),
    ("row {row}: {problem}", "第 {row} 行：{problem}"),
    (
        "{org} / {branch} / {period} has a record that is not valid: {file}; fix it (see audit check), then import again",
        "{org} / {branch} / {period} 已有一份无效的记录：{file}；请先修正（见 audit check），再重新导入",
    ),
    (
        "a file that is not a valid record (see audit check)",
        "一个无效记录文件（见 audit check）",
    ),
    (
        "{at}: point {name} is derived from the survey; drop the column",
        "{at}：评分点 {name} 由满意度测评计算，请删除此列",
    ),
    (
        "{at}: one column named {name}: is the file separated by semicolons or tabs? Save it as CSV with commas",
        "{at}：只有一列，名为 {name}：文件是否以分号或制表符分隔？请另存为逗号分隔的 CSV",
    ),
    (
        "{at}: unknown column {name} (not a point, veto or bonus id of the checklist)",
        "{at}：未知的列 {name}（不是评分表中的评分点、一票否决或加分项编号）",
    ),
    (
        "{at}: column {name} appears twice",
        "{at}：列 {name} 出现了两次",
    ),
    (
        "the sheet lacks the column(s) {names}",
        "表格缺少列 {names}",
    ),
    (
        "the sheet has a {has} column but no {lacks} column",
        "表格有 {has} 列，但没有 {lacks} 列",
    ),
    ("{cell}: {message}", "{cell}：{message}"),
    (
        "{value} is in a column without a name in the header row",
        "{value} 所在列在表头中没有名称",
    ),
    (
        "{value} is right of the last column of the header row",
        "{value} 位于表头最后一列的右侧",
    ),
    (
        "{name}: {value} is a date cell; format the column as text",
        "{name}：{value} 是日期格式的单元格，请将此列设为文本格式",
    ),
    ("{k} is empty", "{k}为空"),
    (
        "level {value} is not self, review or acceptance",
        "层级 {value} 不是自查、初审或验收",
    ),
    (
        "point {id}: {value}: {problem}",
        "评分点 {id}：{value}：{problem}",
    ),
    (
        "veto {id}: {value} is not true or false",
        "一票否决项 {id}：{value} 不是 true 或 false",
    ),
    (
        "bonus {id}: {p} is not within 0 to {max}",
        "加分项 {id}：{p} 不在 0 至 {max} 之间",
    ),
    (
        "bonus {id}: {value} {problem}",
        "加分项 {id}：{value} {problem}",
    ),
    (
        "{org} / {branch} / {period} has a second {level} row (the first is row {first})",
        "{org} / {branch} / {period} 有第二行{level}（第一行在第 {first} 行）",
    ),
    (
        "the survey differs from row {first_row} of the same record",
        "满意度与同一记录第 {first_row} 行不一致",
    ),
    (
        "veto {id} differs from row {first_row} of the same record",
        "一票否决项 {id} 与同一记录第 {first_row} 行不一致",
    ),
    (
        "bonus {id} differs from row {first_row} of the same record",
        "加分项 {id} 与同一记录第 {first_row} 行不一致",
    ),
    ("rate {value} {problem}", "满意度 {value} {problem}"),
    (
        "satisfied ({a}) exceeds surveyed ({s})",
        "满意票数（{a}）大于有效票数（{s}）",
    ),
    (
        "surveyed {surveyed} and satisfied {satisfied} must be whole numbers, surveyed at least 1",
        "有效票数 {surveyed} 与满意票数 {satisfied} 须为整数，有效票数至少为 1",
    ),
    (
        "veto {id} is {was} in the file, {now} in the sheet",
        "一票否决项 {id} 在文件中为 {was}，在表格中为 {now}",
    ),
    (
        "bonus {id} is {was} in the file, {now} in the sheet",
        "加分项 {id} 在文件中为 {was}，在表格中为 {now}",
    ),
    (
        "[{level}] {id} is {was} in the file, {now} in the sheet",
        "[{level}] {id} 在文件中为 {was}，在表格中为 {now}",
    ),
    (
        "the sheet is empty: it needs a header row",
        "表格为空：需要表头行",
    ),
    (
        "surveyed is given but satisfied is empty",
        "填写了有效票数，但满意票数为空",
    ),
    (
        "satisfied is given but surveyed is empty",
        "填写了满意票数，但有效票数为空",
    ),
    (
        "give surveyed and satisfied, or rate, not both",
        "请填写有效票数和满意票数，或只填满意度，不要同时填写",
    ),
    (
        "the survey differs from the file's",
        "满意度与文件中的不一致",
    ),
    // the HTML report
    ("Compliance against target", "达标率与目标"),
    ("✓ MET: target {target}", "✓ 已达成：目标 {target}"),
    (
        "✗ NOT MET: target {target}, needs {n} more passing branch",
        "✗ 未达成：目标 {target}，还需 {n} 个支部达标",
    ),
    (
        "✗ NOT MET: target {target}, needs {n} more passing branches",
        "✗ 未达成：目标 {target}，还需 {n} 个支部达标",
    ),
    ("no target set", "未设目标"),
    (
        "{passed} of {population} branches passed; {failed} failed, {incomplete} incomplete, {missing} missing",
        "{population} 个支部中 {passed} 个达标；未达标 {failed}，未完成 {incomplete}，缺报 {missing}",
    ),
    ("Compliance per subsidiary", "各单位达标率"),
    (
        "Hatched bars are below the period's target (dashed line).",
        "斜线条表示低于当年目标（虚线）。",
    ),
    ("target {target}", "目标 {target}"),
    ("Trend across periods", "各年度趋势"),
    ("all subsidiaries", "全部单位"),
    ("target of the period", "当年目标"),
    (
        "{n} subsidiaries: the chart shows all of them together; the table below has each.",
        "共 {n} 个单位：图中只显示合计，各单位见下表。",
    ),
    ("Item scores per subsidiary", "各单位分项得分率"),
    ("subsidiary", "单位"),
    (
        "Share of each item's maximum points:",
        "各项目得分占满分的比例：",
    ),
    ("Items:", "项目："),
    ("Branches that need attention", "需要关注的支部"),
    (
        "no record for this period (expected by the roster)",
        "本年度没有记录（名单中应考核）",
    ),
    ("Benchmark candidates", "标杆支部候选"),
    ("Compliance figures", "达标情况明细"),
    (
        "Self-assessment against review and acceptance",
        "自查与初审、验收的差异",
    ),
    (", needs {n} more", "，还需 {n} 个"),
    (" (version {version})", "（{version} 版）"),
    ("{heading} — generated {time}", "{heading} —— 生成于 {time}"),
    // errors that stop a command
    (
        "{path}: no such file or folder",
        "{path}：文件或文件夹不存在",
    ),
    (
        "no {file} found in {path} or any folder above it (run `audit init DIR` to start a records root, or pass --checklist FILE)",
        "在 {path} 及其上级文件夹中找不到 {file}（可运行 `audit init DIR` 新建记录库，或用 --checklist FILE 指定评分表）",
    ),
    (
        "{path}: is outside the records root {root}",
        "{path}：不在记录库 {root} 之内",
    ),
    (
        "cannot read {path}: {problem}",
        "无法读取 {path}：{problem}",
    ),
    (
        "cannot run git ({problem}); --at, diff and --ratchet need git on PATH",
        "无法运行 git（{problem}）；--at、diff 和 --ratchet 需要 git",
    ),
    (
        "{path} is not inside a git work tree (--at, diff and --ratchet read records from git)",
        "{path} 不在 git 工作区内（--at、diff 和 --ratchet 从 git 读取记录）",
    ),
    (
        "unknown revision {rev}: not a commit in this repository",
        "未知的版本 {rev}：本仓库中没有此提交",
    ),
    (
        "{path} already exists; pass --force to overwrite it",
        "{path} 已存在；如需覆盖请加 --force",
    ),
    (
        "{dir} is not empty; audit init only starts new folders (pass --force to add the missing files; existing files are kept)",
        "{dir} 不是空文件夹；audit init 只新建记录库（加 --force 可补齐缺少的文件，已有文件保留不变）",
    ),
    (
        "{org} / {branch} / {period} already has a record: {file}; to add a level to it, run: audit new --from {path}",
        "{org} / {branch} / {period} 已有记录：{file}；如需添加层级，请运行：audit new --from {path}",
    ),
    (
        "{file} already exists (a record whose names fold to the same folder?); choose another file with -o, or pass --force to overwrite it",
        "{file} 已存在（可能是名称折算到同一文件夹的另一条记录）；请用 -o 指定其他文件，或加 --force 覆盖",
    ),
    (
        "{file} already has [{level}]; pass --force to replace it",
        "{file} 已有 [{level}]；如需替换请加 --force",
    ),
    // diff
    ("added", "新增"),
    ("removed", "删除"),
    ("newly-passing", "新达标"),
    ("newly-failing", "新不达标"),
    ("changed", "有变化"),
    ("unchanged", "无变化"),
    ("dropped", "下降"),
    ("rose", "上升"),
    ("same", "持平"),
    ("new period", "新年度"),
    ("period gone", "年度已删除"),
    ("the working tree", "工作区"),
    // more messages
    ("(none)", "（无）"),
    ("n/a", "不适用"),
    ("items", "项目"),
    ("points", "评分点"),
    ("audit check gate {gate}", "audit check 门禁：{gate}"),
    (
        "the file is not valid UTF-8 (byte {valid}); save it as UTF-8",
        "文件不是有效的 UTF-8（第 {valid} 字节）；请另存为 UTF-8",
    ),
    (
        "the file name is not valid UTF-8: rename it so it can be named in reports",
        "文件名不是有效的 UTF-8：请重命名，以便在报告中显示",
    ),
    (
        "there is no checklist here in revision {rev}",
        "版本 {rev} 中此处没有评分表",
    ),
    (
        "{file} is not in revision {rev}",
        "版本 {rev} 中没有 {file}",
    ),
    (
        "the checklist of revision {rev} is invalid",
        "版本 {rev} 的评分表有误",
    ),
    (
        "--format github and junit are for audit check",
        "--format github 和 junit 只用于 audit check",
    ),
    (
        "--format xlsx writes a binary workbook: give the file with -o FILE.xlsx",
        "--format xlsx 生成二进制工作簿：请用 -o FILE.xlsx 指定文件",
    ),
    ("{flag} must not be empty", "{flag} 不能为空"),
    (
        "{file} has no level to start from",
        "{file} 没有可作为起点的层级",
    ),
    (
        "{file} already has every level; name one with --level",
        "{file} 已有全部层级；请用 --level 指定一个",
    ),
    ("the row gives no point values", "该行没有任何评分点的值"),
    (
        "[satisfaction] gives both counts and `rate`: keep one of them",
        "[satisfaction] 同时填写了票数和 `rate`：只保留其一",
    ),
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
    // issue 9 (security)
    (
        "a link to a file outside the records root: it is not read",
        "指向记录根目录之外文件的链接：不予读取",
    ),
    (
        "a link to a folder outside the records root: its files are not read",
        "指向记录根目录之外文件夹的链接：其中的文件不予读取",
    ),
    (
        "cannot write {path}: {folder} is not a folder",
        "无法写入 {path}：{folder} 不是文件夹",
    ),
    (
        "cannot create {folder}: {problem}",
        "无法创建 {folder}：{problem}",
    ),
    (
        "{path} is a symbolic link: audit does not write through links in the records root",
        "{path} 是符号链接：audit 不通过记录根目录中的链接写入",
    ),
    (
        "cannot write {path}: {folder} leads outside the records root {root}",
        "无法写入 {path}：{folder} 指向记录根目录 {root} 之外",
    ),
    (
        "{path} is not a regular file, a named pipe or a character device: audit does not write to it",
        "{path} 不是普通文件、命名管道或字符设备：audit 不写入它",
    ),
    // issue 9 (import)
    (
        "cannot edit the record: {name} is not a table",
        "无法修改该记录：{name} 不是表",
    ),
    (
        "waiting for another audit command that is writing to {root}…",
        "正在等待另一个写入 {root} 的 audit 命令结束……",
    ),
    (
        "{file} changed while the import was being prepared; nothing was written: import again",
        "准备导入期间 {file} 被修改；未写入任何文件：请重新导入",
    ),
    (
        "the import stopped after {n} of {total} files; the next audit import completes it",
        "导入在写入 {total} 个文件中的 {n} 个后中断；下次运行 audit import 时会完成它",
    ),
    (
        "an interrupted import had written nothing yet; its staged files in {journal} were removed",
        "一次中断的导入尚未写入任何记录；已删除其在 {journal} 中的暂存文件",
    ),
    (
        "an interrupted import left {journal}, but {file} changed since; check it, then remove {journal}",
        "一次中断的导入留下了 {journal}，但 {file} 此后已被修改；请检查该文件，然后删除 {journal}",
    ),
    (
        "an interrupted import was completed: {n} of its {total} files were still to be written",
        "已完成一次中断的导入：其 {total} 个文件中还有 {n} 个待写入",
    ),
    (
        "{file} is on another file system than the records root; nothing was written",
        "{file} 与记录根目录不在同一文件系统上；未写入任何文件",
    ),
    (
        "{file} is larger than {max} MB; import reads spreadsheets up to that size",
        "{file} 大于 {max} MB；import 只读取不超过此大小的电子表格",
    ),
    (
        "{file} has {n} parts; import reads workbooks of at most {max}",
        "{file} 含 {n} 个部件；import 只读取最多 {max} 个部件的工作簿",
    ),
    (
        "{file} unpacks to more than {max} MB ({part} alone to {size} MB or more); import refuses it (a zip bomb?)",
        "{file} 解压后超过 {max} MB（仅 {part} 就有 {size} MB 或更多）；import 拒绝读取（可能是压缩炸弹）",
    ),
    (
        "{cell}: the formula ={formula} has no saved result (the program that wrote the file does not calculate); open and save the file in Excel, WPS or LibreOffice, or type the value",
        "{cell}：公式 ={formula} 没有保存的计算结果（生成该文件的程序不计算公式）；请用 Excel、WPS 或 LibreOffice 打开并保存该文件，或直接填写数值",
    ),
    (
        "{file}: cell {cell} makes the used range {from}:{to} ({rows} rows × {columns} columns); import reads at most {max} cells: delete the stray cells or copy the table to a new sheet",
        "{file}：单元格 {cell} 使已用区域变为 {from}:{to}（{rows} 行 × {columns} 列）；import 最多读取 {max} 个单元格：请删除多余的单元格，或把表格复制到新工作表",
    ),
    // issue 9 (figures)
    (
        "{file} has no {level} level; levels present: {present}",
        "{file} 没有{level}层级；已有层级：{present}",
    ),
    ("would pass", "按本层级将达标"),
    ("would fail: {reasons}", "按本层级将未达标：{reasons}"),
    ("verdict of this level", "本层级结论"),
    (
        "the record has no assessment level ([self], [review] or [acceptance]): it is incomplete",
        "记录没有任何评分层级（[self]、[review] 或 [acceptance]）：记录未完成",
    ),
    (
        "[{level}] lacks {points}: the record is incomplete",
        "[{level}] 缺少 {points}：记录未完成",
    ),
    (
        "[{level}] lacks {points}: this level is incomplete",
        "[{level}] 缺少 {points}：该层级未完成",
    ),
    (
        "the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete",
        "缺少满意度测评（请添加 [satisfaction]，填写 `surveyed` 和 `satisfied`，或 `rate`）：记录未完成",
    ),
    (
        "the report was not written: {n} invalid record file(s) ({files}); fix them (see audit check), or pass --partial to write it with them counted as invalid",
        "报表未生成：{n} 个记录文件无效（{files}）；请先修正（见 audit check），或加 --partial 生成报表并将其计为“无效”",
    ),
    (
        "PARTIAL REPORT: {n} invalid record(s) left out of every figure: {files}. Their branches count as \"invalid\" in the compliance rows, not as missing; fix them (see audit check) before relying on these figures",
        "不完整报表：{n} 个无效记录未计入任何数据：{files}。其支部在达标率各行中计为“无效”，而非缺失；请先修正（见 audit check）再采用这些数据",
    ),
    (
        "{n} of them name no readable org, branch or period and are counted in no row",
        "其中 {n} 个无法读出单位、支部或期间，未计入任何一行",
    ),
    ("PARTIAL REPORT", "不完整报表"),
    ("invalid", "无效"),
    (
        "the record file {file} is invalid and left out (see audit check)",
        "记录文件 {file} 无效，未计入（见 audit check）",
    ),
    (
        "; {invalid} INVALID (left out)",
        "；{invalid} 个无效（未计入）",
    ),
    ("applicable max", "适用满分"),
    ("applicable", "适用分"),
    (
        "a point counts in the records where it applies (\"na\" and unassessed left out); its average is over those records",
        "评分点只统计适用的记录（不适用和未评的不计）；其平均分按这些记录计算",
    ),
    (
        "an item's average is the sum of its points' averages; its applicable max the sum of the max of its points that apply anywhere; share of max = average / applicable max",
        "项目平均分 = 其各评分点平均分之和；适用满分 = 有记录适用的评分点满分之和；得分率 = 平均分 / 适用满分",
    ),
    (
        "lost points = share of the records that scored below the applicable max",
        "失分 = 得分低于适用满分的记录所占比例",
    ),
    (
        "applicable = max without the points marked \"na\"; lost = applicable − score",
        "适用分 = 满分减去标为不适用的评分点；失分 = 适用分 − 得分",
    ),
    // issue 9 (tools)
    (
        "--format csv holds one table per file, and this output has {n} tables ({files}): give a folder with -o DIR to write one file per table",
        "CSV 格式每个文件只放一张表，而此输出有 {n} 张表（{files}）：请用 -o 文件夹 指定一个文件夹，每张表写成一个文件",
    ),
    (
        "no org named '{org}' (did you mean '{near}'?); known: {known}",
        "没有名为“{org}”的单位（是否要找“{near}”？）；已有：{known}",
    ),
    (
        "no org named '{org}'; known: {known}",
        "没有名为“{org}”的单位；已有：{known}",
    ),
    (
        "no period '{period}'; known: {known}",
        "没有“{period}”这一考核期；已有：{known}",
    ),
    (" … ({n} more)", " …（另有 {n} 个）"),
    (
        "{path} is a folder: audit explain takes one record file, e.g. {example} (audit score {path} lists the records in it)",
        "{path} 是文件夹：audit explain 只解读一个记录文件，例如 {example}（audit score {path} 可列出其中的记录）",
    ),
    (
        "{path} is a folder: audit explain takes one record file",
        "{path} 是文件夹：audit explain 只解读一个记录文件",
    ),
    (
        "{file} is the checklist: audit explain takes one record file (audit check validates the checklist)",
        "{file} 是考核细则：audit explain 只解读一个记录文件（细则请用 audit check 校验）",
    ),
    (
        "{file} is the roster: audit explain takes one record file (audit report counts the roster's branches)",
        "{file} 是支部名册：audit explain 只解读一个记录文件（audit report 按名册统计支部）",
    ),
    // issue 9 (chinese)
    ("the checklist's `step`", "评分表的 `step`"),
    (
        "the checklist's `step` must be greater than 0",
        "评分表的 `step` 必须大于 0",
    ),
    (
        "unknown language '{lang}'; known: en, zh",
        "未知的语言“{lang}”；可用：en、zh",
    ),
    (
        "AUDIT_LANG: unknown language '{lang}'; known: en, zh; continuing in English",
        "AUDIT_LANG：未知的语言“{lang}”；可用：en、zh；将使用英文",
    ),
    // forms and init (written into files)
    (
        "the embedded reference checklist is invalid",
        "内置的参考评分表无效",
    ),
    (
        "# Assessment record: {title} (version {version})",
        "# 考核记录：{title}（版本 {version}）",
    ),
    ("# Assessment record: {title}", "# 考核记录：{title}"),
    (
        "# Bonus points, at most {cap} in all.",
        "# 加分项，合计不超过 {cap} 分。",
    ),
    ("{title} (max {max})", "{title}（最高 {max} 分）"),
    ("{id} {title} · {max} points", "{id} {title} · {max} 分"),
    (
        "max {max}: scored from the satisfaction survey, not written here",
        "满分 {max}：由满意度测评结果推算，此处不填写",
    ),
    (
        "max {max} in steps of {step}",
        "满分 {max}，以 {step} 分为单位",
    ),
    ("max {max}", "满分 {max}"),
    ("; grades: {grades}", "；等级：{grades}"),
    (
        "{level}: started from the {source} level; change what the branch finds different.",
        "{level}：以{source}结果为起点；请修改本支部认定不同的评分。",
    ),
    (
        "{level}: started from the {source} level; change what the review finds different.",
        "{level}：以{source}结果为起点；请修改初审认定不同的评分。",
    ),
    (
        "{level}: started from the {source} level; change what the acceptance finds different.",
        "{level}：以{source}结果为起点；请修改验收认定不同的评分。",
    ),
    (
        "# EXAMPLE, not a real branch: it is not in roster.toml and counts in no compliance rate or benchmark.\n# Delete this file and its folders once your own records are in.\n#\n",
        "# 示例记录，并非真实支部：它不在 roster.toml 中，不计入达标率和标杆评选。\n# 录入本单位的记录后，请删除本文件及其所在文件夹。\n#\n",
    ),
    (
        "#\n# Fill in every \"\" below, then check the file:  audit check FILE\n",
        "#\n# 请填写下面每一处 \"\"，然后检查本文件：audit --lang zh check 文件名\n",
    ),
    (
        "#\n# An example: full marks at acceptance. Copy it or use `audit new` for a blank form.\n",
        "#\n# 示例：验收层级满分。可参照本文件填写，或用 `audit new` 生成空白表。\n",
    ),
    (
        "# A value is points (3, 2.5), a grade name (\"good\"), \"na\" where a point allows it, or\n",
        "# 评分点的值可以是分数（3、2.5）、等级名称（\"好\"）、允许不适用时填 \"na\"，或扣分明细\n",
    ),
    ("two meetings without minutes", "两次会议无记录"),
    (
        "# A note or evidence goes with it as",
        "# 附说明或佐证材料时写作",
    ),
    (
        "# Survey of members and the masses (required): valid ballots and satisfied ones,\n# or replace both lines with  rate = \"92.5%\"\n",
        "# 党员群众满意度测评（必填）：有效票数和满意票数，\n# 或将这两行替换为  rate = \"92.5%\"\n",
    ),
    (
        "# Survey of members and the masses (optional):\n",
        "# 党员群众满意度测评（选填）：\n",
    ),
    (
        "# One-vote vetoes: true if it happened (fails the record whatever its score).\n",
        "# 一票否决：发生的填 true（无论得分多少，记录均不达标）。\n",
    ),
    ("# Bonus points.", "# 加分项。"),
    ("; \"na\" if not applicable", "；不适用时填 \"na\""),
    // full-width input (a Chinese keyboard)
    (
        "full-width character '{c}': write the half-width {half}",
        "全角字符“{c}”：请改为半角 {half}",
    ),
    (
        "full-width space: write a half-width space",
        "全角空格：请改为半角空格",
    ),
    // errors that used to bypass the catalogue
    ("cannot read the file: {e}", "无法读取文件：{e}"),
    ("the checklist of {rev} is invalid", "{rev}的评分表无效"),
    ("cannot read {path}", "无法读取 {path}"),
    ("cannot create {path}", "无法创建 {path}"),
    ("cannot edit {path}: {e}", "无法修改 {path}：{e}"),
    ("cannot open {path}", "无法打开 {path}"),
    ("{path} has no worksheet", "{path} 中没有工作表"),
    (
        "{path}: cannot read the worksheet {sheet}",
        "{path}：无法读取工作表 {sheet}",
    ),
    (
        "{path} is not UTF-8: save it as \"CSV UTF-8\" (Excel) or UTF-8 CSV (WPS)",
        "{path} 不是 UTF-8 编码：请另存为“CSV UTF-8”（Excel）或 UTF-8 编码的 CSV（WPS）",
    ),
    ("{path}: not valid CSV", "{path}：不是有效的 CSV"),
    (
        "give --org, --branch and --period (or --from FILE)",
        "请给出 --org、--branch 和 --period（或 --from 文件）",
    ),
    ("cannot edit the record: {e}", "无法修改记录：{e}"),
    ("cannot create a file in {path}", "无法在 {path} 中创建文件"),
    ("cannot write {path}", "无法写入 {path}"),
    (
        "cannot write {path} (pass --force to overwrite)",
        "无法写入 {path}（如需覆盖请加 --force）",
    ),
    // issue 9 (merge): texts of the import and security work
    ("{path} is outside {root}", "{path} 在 {root} 之外"),
    ("{path} is damaged", "{path} 已损坏"),
    ("cannot lock {path}", "无法锁定 {path}"),
    ("cannot remove {path}", "无法删除 {path}"),
    ("cannot flush {path}", "无法将 {path} 写入磁盘"),
    (
        "cannot open {path}: not an xlsx workbook",
        "无法打开 {path}：不是 xlsx 工作簿",
    ),
    (
        "cannot open {path}: a damaged xlsx workbook",
        "无法打开 {path}：xlsx 工作簿已损坏",
    ),
    (
        "cannot open {path}: {part} is damaged",
        "无法打开 {path}：其中的 {part} 已损坏",
    ),
    (
        "the diff was not written: {name} has {n} invalid record file(s) ({files}); fix them (see audit check)",
        "未输出对比结果：{name} 中有 {n} 个无效的记录文件（{files}）；请先修正（见 audit check）",
    ),
    (
        "nothing was imported: fix the records root first (see audit check)",
        "未导入任何内容：请先修正记录根目录中的问题（见 audit check）",
    ),
    (
        "a link to a folder that contains it: it is not followed",
        "指向其上级文件夹的链接：不予跟随",
    ),
    (
        "an interrupted import left this journal: some of its records may not be written yet; the next audit import completes or undoes it",
        "一次中断的导入留下了此日志：其中部分记录可能尚未写入；下次运行 audit import 时会完成或撤销它",
    ),
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
    fn substitution_fills_named_places_only() {
        let args = [("a", "1".to_string()), ("b", "{a}".to_string())];
        assert_eq!(
            substitute("{a} and {b} and {c} {", &args),
            "1 and {a} and {c} {"
        );
        assert_eq!(substitute("no places", &args), "no places");
    }

    #[test]
    fn every_english_text_has_one_entry() {
        let mut seen = std::collections::HashSet::new();
        for (en, _) in CATALOGUE {
            assert!(seen.insert(en), "{en:?} is in the catalogue twice");
        }
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for (en, zh) in CATALOGUE {
            assert!(!en.is_empty() && !zh.is_empty(), "{en:?} → {zh:?}");
            assert_eq!(placeholders(en), placeholders(zh), "{en:?} → {zh:?}");
        }
    }

    /// The text of a Rust string literal starting at `piece` (after its opening quote), with
    /// its escapes resolved, or None if it does not end.
    fn literal(piece: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = piece.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    // A line continuation: the newline and the next line's indent go.
                    '\n' => {
                        while chars.peek().is_some_and(|c| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        None
    }

    /// Whether a format string reads as words for people (two words side by side once its
    /// `{…}` places are taken out), rather than a path, a number or a piece of TOML.
    fn reads_as_words(text: &str) -> bool {
        let mut bare = String::new();
        let mut depth = 0usize;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                c if depth == 0 => bare.push(c),
                _ => {}
            }
        }
        let is_word = |w: &str| {
            w.chars().filter(char::is_ascii_alphabetic).count() >= 2
                && !w.contains(['=', '[', '/', '#', '<', '\\'])
        };
        let words: Vec<bool> = bare.split_whitespace().map(is_word).collect();
        words.windows(2).any(|pair| pair[0] && pair[1])
    }

    #[test]
    fn every_text_the_code_translates_is_in_the_catalogue() {
        // The templates given to t!(), tr() and both!() in the sources must all have an
        // entry. Texts for people must not bypass them either: a message built with
        // anyhow!, bail!, format! or .context() that reads as words is English under zh
        // unless it goes through t!(). One that is not for people (an internal invariant,
        // a file format) says so with `// untranslated: <why>` on its line or the line
        // before.
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        let mut english = Vec::new();
        let mut files = vec![std::path::PathBuf::from(src)];
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if p.ends_with("i18n.rs") {
                continue;
            }
            let whole = std::fs::read_to_string(&p).unwrap();
            // Unit tests are not read by people.
            let text = whole.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            let translated = ["t!(", "tr(", "both!("];
            let bypassing = ["anyhow!(", "bail!(", "format!(", ".context("];
            for marker in translated.iter().chain(&bypassing) {
                for (at, _) in text.match_indices(marker) {
                    // `format!(` ends in `t!(` too: only whole macro and function names.
                    let before = text[..at].chars().next_back();
                    if !marker.starts_with('.')
                        && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        continue;
                    }
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    if text[line_start..at].trim_start().starts_with("//") {
                        continue;
                    }
                    // The template may start on the next line.
                    let rest = text[at + marker.len()..].trim_start();
                    let Some(piece) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let Some(template) = literal(piece) else {
                        continue;
                    };
                    let known = CATALOGUE.iter().any(|(en, _)| *en == template);
                    if translated.contains(marker) {
                        if !known {
                            missing.push(format!("{}: {template:?}", p.display()));
                        }
                        continue;
                    }
                    // The line of the marker and the one before may say why it stays.
                    let previous_start = text[..line_start.saturating_sub(1)]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    if reads_as_words(&template)
                        && !text[previous_start..line_end].contains("// untranslated:")
                    {
                        let line = text[..at].matches('\n').count() + 1;
                        english.push(format!("{}:{line}: {marker}{template:?}", p.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the catalogue:\n{}",
            missing.join("\n")
        );
        assert!(
            english.is_empty(),
            "texts for people that bypass t!() (translate them, or mark them `// untranslated: why`):\n{}",
            english.join("\n")
        );
    }

    #[test]
    fn the_coverage_test_reads_literals_and_words_as_rust_does() {
        assert_eq!(
            literal("a \\\"b\\\"\\n\\\n      c\" tail").as_deref(),
            Some("a \"b\"\nc")
        );
        assert!(reads_as_words("cannot read {}"));
        assert!(reads_as_words("{name} is not UTF-8: save it"));
        assert!(!reads_as_words("{}.toml"));
        assert!(!reads_as_words("{{ points = {}{times}, reason = {} }}"));
    }
}
