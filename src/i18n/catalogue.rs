//! The message catalogue: `locales/en.ftl` and `locales/zh.ftl`, in Fluent
//! (<https://projectfluent.org>), compiled into the binary. Each message has a stable id
//! (the `code` of a diagnostic in JSON), its variables (`{ $name }`, filled in by the
//! program as text already formatted, so figures read the same in both languages), and
//! plural forms where English needs them (`{ $n -> [one] … *[other] … }`); only the variables
//! that choose a plural form are passed to Fluent as numbers. Bidirectional isolation marks
//! are off: the output is plain text whose bytes tests and scripts compare.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::Lang;

/// The English messages, the reference: every id is here.
pub const EN: &str = include_str!("locales/en.ftl");
/// The Chinese messages: the same ids with the same variables (a test checks).
pub const ZH: &str = include_str!("locales/zh.ftl");

/// One language's messages, ready to format.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    static ZH_CAT: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => EN_CAT.get_or_init(|| build(EN, "en")),
        Lang::Zh => ZH_CAT.get_or_init(|| build(ZH, "zh")),
    }
}

/// Parsing a catalogue is most of the work of a short run, so only what every run needs is
/// done here, once: the variables that choose a plural form are found per message when it is
/// rendered, and the English words only when a Chinese word is asked for ([`words`]).
fn build(source: &str, lang: &str) -> Catalogue {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, e)| panic!("the {lang} catalogue does not parse: {e:?}"));
    let locale = lang.parse().expect("a language id");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|e| panic!("the {lang} catalogue has a message twice: {e:?}"));
    Catalogue { bundle }
}

/// English word → id, for the messages without variables: the words the program knows only
/// at run time (a status, a level) by their English.
fn words() -> &'static HashMap<String, String> {
    static WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let bundle = &catalogue(Lang::En).bundle;
        // The ids in file order, so that the first message with a given English text wins.
        let resource = FluentResource::try_new(EN.to_string()).unwrap_or_else(|(r, _)| r);
        let by_id = patterns(&resource);
        let mut words = HashMap::new();
        for (id, pattern) in messages(&resource) {
            let mut vars = BTreeSet::new();
            variables(pattern, &by_id, &mut vars, &mut BTreeSet::new());
            if vars.is_empty() {
                let english = bundle
                    .format_pattern(pattern, None, &mut Vec::new())
                    .into_owned();
                words.entry(english).or_insert_with(|| id.to_string());
            }
        }
        words
    })
}

/// The messages of a catalogue file: (id, pattern), in file order.
pub fn messages(resource: &FluentResource) -> impl Iterator<Item = (&str, &ast::Pattern<&str>)> {
    resource.entries().filter_map(|e| match e {
        ast::Entry::Message(ast::Message {
            id,
            value: Some(pattern),
            ..
        }) => Some((id.name, pattern)),
        _ => None,
    })
}

/// The messages of a catalogue by id, to follow a reference from one to another.
pub type Patterns<'r> = HashMap<&'r str, &'r ast::Pattern<&'r str>>;

/// Finds a message's pattern by id, to follow a reference: a [`Patterns`] map, or a bundle.
pub trait Lookup<'s> {
    fn pattern(&self, id: &str) -> Option<&'s ast::Pattern<&'s str>>;
}

impl<'s> Lookup<'s> for Patterns<'s> {
    fn pattern(&self, id: &str) -> Option<&'s ast::Pattern<&'s str>> {
        self.get(id).copied()
    }
}

impl<'s> Lookup<'s> for &'s FluentBundle<FluentResource> {
    fn pattern(&self, id: &str) -> Option<&'s ast::Pattern<&'s str>> {
        self.get_message(id).and_then(|m| m.value())
    }
}

/// The messages of `resource` by id.
pub fn patterns(resource: &FluentResource) -> Patterns<'_> {
    messages(resource).collect()
}

/// Collects the variables a pattern uses into `all`, and those that choose a variant into
/// `selectors`, following references to other messages (`{ needs-n-more-passing }`), whose
/// variables are the referring message's own: Fluent passes them on.
pub fn variables<'s>(
    pattern: &ast::Pattern<&'s str>,
    messages: &impl Lookup<'s>,
    all: &mut BTreeSet<&'s str>,
    selectors: &mut BTreeSet<&'s str>,
) {
    struct Walk<'m, 's, L> {
        messages: &'m L,
        /// The messages followed so far: a reference cycle (which Fluent refuses to format
        /// anyway) must not recurse forever.
        seen: BTreeSet<&'s str>,
    }
    impl<'s, L: Lookup<'s>> Walk<'_, 's, L> {
        fn pattern(
            &mut self,
            p: &ast::Pattern<&'s str>,
            all: &mut BTreeSet<&'s str>,
            selectors: &mut BTreeSet<&'s str>,
        ) {
            for element in &p.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    self.expression(expression, all, selectors);
                }
            }
        }
        fn inline(
            &mut self,
            e: &ast::InlineExpression<&'s str>,
            all: &mut BTreeSet<&'s str>,
            selectors: &mut BTreeSet<&'s str>,
        ) {
            match e {
                ast::InlineExpression::VariableReference { id } => {
                    all.insert(id.name);
                }
                ast::InlineExpression::MessageReference {
                    id,
                    attribute: None,
                } => {
                    if let Some(p) = self.messages.pattern(id.name)
                        && self.seen.insert(id.name)
                    {
                        self.pattern(p, all, selectors);
                    }
                }
                ast::InlineExpression::Placeable { expression } => {
                    self.expression(expression, all, selectors)
                }
                _ => {}
            }
        }
        fn expression(
            &mut self,
            e: &ast::Expression<&'s str>,
            all: &mut BTreeSet<&'s str>,
            selectors: &mut BTreeSet<&'s str>,
        ) {
            match e {
                ast::Expression::Inline(i) => self.inline(i, all, selectors),
                ast::Expression::Select { selector, variants } => {
                    if let ast::InlineExpression::VariableReference { id } = selector {
                        selectors.insert(id.name);
                    }
                    self.inline(selector, all, &mut BTreeSet::new());
                    for v in variants {
                        self.pattern(&v.value, all, selectors);
                    }
                }
            }
        }
    }
    Walk {
        messages,
        seen: BTreeSet::new(),
    }
    .pattern(pattern, all, selectors);
}

/// The message `id` in `lang`, its variables filled in from `args`; the id itself when the
/// catalogue lacks it.
pub fn render(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let c = catalogue(lang);
    let Some(pattern) = c.bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    if args.is_empty() {
        return c
            .bundle
            .format_pattern(pattern, None, &mut Vec::new())
            .into_owned();
    }
    // The variables that choose a plural form, following references (Fluent passes a
    // message's variables on to the messages it names).
    let mut selectors = BTreeSet::new();
    variables(pattern, &&c.bundle, &mut BTreeSet::new(), &mut selectors);
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        // A count that chooses a plural form goes as a number, when it reads back the same.
        let number = Some(name)
            .filter(|name| selectors.contains(**name))
            .and_then(|_| value.parse::<f64>().ok())
            .filter(|n| n.to_string() == *value);
        match number {
            Some(n) => fluent.set(*name, FluentValue::from(n)),
            None => fluent.set(*name, FluentValue::from(value.as_str())),
        }
    }
    c.bundle
        .format_pattern(pattern, Some(&fluent), &mut Vec::new())
        .into_owned()
}

/// A word known by its English at run time, in `lang`: unchanged when no message without
/// variables reads like it in English.
pub fn word(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_string();
    }
    match words().get(english) {
        Some(id) => render(lang, id, &[]),
        None => english.to_string(),
    }
}

#[cfg(test)]
#[path = "coverage.rs"]
mod coverage;
