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
    /// The variables of each message that choose a plural form.
    selectors: HashMap<String, Vec<String>>,
    /// English word → id, for the messages without variables: the words the program knows
    /// only at run time (a status, a level) by their English.
    words: HashMap<String, String>,
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    static ZH_CAT: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => EN_CAT.get_or_init(|| build(EN, "en")),
        Lang::Zh => ZH_CAT.get_or_init(|| build(ZH, "zh")),
    }
}

fn build(source: &str, lang: &str) -> Catalogue {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, e)| panic!("the {lang} catalogue does not parse: {e:?}"));
    let mut selectors = HashMap::new();
    let by_id = patterns(&resource);
    for (id, pattern) in messages(&resource) {
        let mut found = BTreeSet::new();
        variables(pattern, &by_id, &mut BTreeSet::new(), &mut found);
        if !found.is_empty() {
            selectors.insert(
                id.to_string(),
                found.into_iter().map(str::to_string).collect(),
            );
        }
    }
    let locale = lang.parse().expect("a language id");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|e| panic!("the {lang} catalogue has a message twice: {e:?}"));
    let mut words = HashMap::new();
    if lang == "en" {
        // The ids in file order, so that the first message with a given English text wins.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let by_id = patterns(&resource);
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
    }
    Catalogue {
        bundle,
        selectors,
        words,
    }
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

/// The messages of `resource` by id.
pub fn patterns(resource: &FluentResource) -> Patterns<'_> {
    messages(resource).collect()
}

/// Collects the variables a pattern uses into `all`, and those that choose a variant into
/// `selectors`, following references to other messages (`{ needs-n-more-passing }`), whose
/// variables are the referring message's own: Fluent passes them on.
pub fn variables<'s>(
    pattern: &ast::Pattern<&'s str>,
    messages: &Patterns<'s>,
    all: &mut BTreeSet<&'s str>,
    selectors: &mut BTreeSet<&'s str>,
) {
    struct Walk<'m, 's> {
        messages: &'m Patterns<'s>,
        /// The messages followed so far: a reference cycle (which Fluent refuses to format
        /// anyway) must not recurse forever.
        seen: BTreeSet<&'s str>,
    }
    impl<'s> Walk<'_, 's> {
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
                    if let Some(p) = self.messages.get(id.name).copied()
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
    let selectors = c.selectors.get(id);
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        // A count that chooses a plural form goes as a number, when it reads back the same.
        let number = selectors
            .filter(|s| s.iter().any(|s| s == name))
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
    match catalogue(Lang::En).words.get(english) {
        Some(id) => render(lang, id, &[]),
        None => english.to_string(),
    }
}

#[cfg(test)]
#[path = "coverage.rs"]
mod coverage;
