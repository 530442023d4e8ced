//! The interface language: English, or Chinese with `--lang zh` (also `AUDIT_LANG=zh`, or a
//! `LANG` starting with `zh`).
//!
//! Every text meant for people is a message of the catalogue (`locales/en.ftl` and
//! `locales/zh.ftl`, Fluent files read at compile time, see [`catalogue`]), named by a
//! stable id. The core builds [`Text`] values (an id and its arguments; the readers' problems
//! are declared in `read/problem.rs`, the score's reasons are `score::Reason`) and never reads
//! the language; the edge renders them: [`Text::en`] for JSON, which never changes with the
//! language, [`Text::shown`], [`t!`] and [`tr`] for people. The language is chosen once at
//! start-up.

use std::sync::OnceLock;

pub mod catalogue;

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

/// Whether people read Chinese: for the edge only (the core builds [`Text`]s instead).
pub fn zh() -> bool {
    lang() == Lang::Zh
}

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The message `id` in the current language (the id itself if the catalogue lacks it; a
/// test checks that every id the code names exists).
pub fn tr(id: &str) -> String {
    catalogue::render(lang(), id, &[])
}

/// A word known only at run time by its English (a status, a level, a kind of value, a
/// sheet name) in the current language; unchanged when the catalogue has no such word.
pub fn tr_word(english: &str) -> String {
    catalogue::word(lang(), english)
}

/// The message `id` in the current language with its arguments filled in.
pub fn fill(id: &str, args: &[(&str, String)]) -> String {
    catalogue::render(lang(), id, args)
}

/// `t!("total-below", total = x, min = y)`: the message `total-below` for people, in the
/// current language.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::fill($id, &[$((stringify!($name), ($value).to_string())),*])
    };
}

/// A text for people that the core hands to the edge unrendered: JSON takes [`Text::en`],
/// people read [`Text::shown`], in the language chosen at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// A text that has no translation (a name, a figure, a message of a library).
    Plain(String),
    /// A word known by its English at run time, translated when shown ("self" → "自查").
    Word(String),
    /// A catalogue message: its id (also its `code` in JSON) and its arguments.
    Message {
        code: &'static str,
        args: Vec<(&'static str, Text)>,
    },
    /// A text the edge composed in both languages already.
    Fixed { en: String, zh: String },
}

impl Text {
    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Word(w) => catalogue::word(lang, w),
            Text::Message { code, args } => {
                let args: Vec<(&str, String)> =
                    args.iter().map(|(n, v)| (*n, v.render(lang))).collect();
                catalogue::render(lang, code, &args)
            }
            Text::Fixed { en, zh } => match lang {
                Lang::En => en.clone(),
                Lang::Zh => zh.clone(),
            },
        }
    }

    /// The English text: what JSON says, whatever the language.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The text in the interface language: for people, at the edge.
    pub fn shown(&self) -> String {
        self.render(lang())
    }

    /// The catalogue id of a message (its stable `code` in JSON); None for a plain text. A
    /// message that only frames another ("[acceptance] {message}", "C5: {message}") has the
    /// code of the one it frames: a program reading `code` wants to know what is wrong, not
    /// where it was said.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Text::Message { code, args } => {
                let framed = FRAMES
                    .iter()
                    .find(|(id, _)| id == code)
                    .and_then(|(_, arg)| args.iter().find(|(n, _)| n == arg))
                    .and_then(|(_, inner)| inner.code());
                Some(framed.unwrap_or(code))
            }
            _ => None,
        }
    }
}

/// The messages that frame another, and the argument that holds it (see [`Text::code`]).
const FRAMES: &[(&str, &str)] = &[
    ("what-message", "message"),
    ("what-text-problem", "problem"),
    ("what-value-problem", "problem"),
    ("text-problem", "problem"),
    ("cell-message", "message"),
    ("row", "problem"),
    ("point-id-value-problem", "problem"),
    ("bonus-id-value-problem", "problem"),
    ("penalty-id-value-problem", "problem"),
    ("rate-value-problem", "problem"),
];

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&Text> for Text {
    fn from(t: &Text) -> Text {
        t.clone()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

/// A value put into a [`Text`]: plain, except a [`Word`] or another [`Text`].
pub trait BothArg {
    fn text(&self) -> Text;
}

impl<T: std::fmt::Display> BothArg for T {
    fn text(&self) -> Text {
        Text::Plain(self.to_string())
    }
}

impl BothArg for Text {
    fn text(&self) -> Text {
        self.clone()
    }
}

impl BothArg for &Text {
    fn text(&self) -> Text {
        (*self).clone()
    }
}

/// A word that is itself translated in the shown text ("self" → "自查").
pub struct Word<'a>(pub &'a str);

impl BothArg for Word<'_> {
    fn text(&self) -> Text {
        Text::Word(self.0.to_string())
    }
}

/// A [`Text`] as an error or an error's context: it is worded in the interface language only
/// when printed, at the edge, so a reader in the core can fail with it without reading the
/// language (`Err(Shown(both!(…)))?`, `.with_context(|| Shown(both!(…)))`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown(pub Text);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.shown())
    }
}

impl std::error::Error for Shown {}

/// `both!("total-below", total = x, min = y)`: a [`Text`], rendered later, at the edge.
#[macro_export]
macro_rules! both {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::BothArg as _;
        $crate::i18n::Text::Message {
            code: $id,
            args: vec![$((stringify!($name), $crate::i18n::BothArg::text(&$value))),*],
        }
    }};
}
