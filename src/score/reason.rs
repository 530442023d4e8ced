//! Why a record fails or is incomplete: each reason with its figures and its stable code.

use crate::i18n::{Text, Word};
use crate::points::{Points, Rate, Ratio};
use crate::read::checklist::{ItemMin, Level};

/// Why a record fails or is incomplete, with its figures. The code is the catalogue id of
/// its message, stable in JSON (`reason_codes`) whatever the wording or the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `--level L` names a level the record does not have.
    NoSuchLevel { level: Level },
    /// The record has no assessment level at all.
    NoAssessmentLevel,
    /// The scored level lacks these points (ids, in checklist order).
    LevelLacksPoints { level: Level, points: Vec<String> },
    /// The record's effective level is below the checklist's `min_level`.
    LevelBelowMin { level: Level, min: Level },
    /// The checklist needs a satisfaction survey and the record has none.
    SurveyMissing,
    /// A veto was triggered.
    Vetoed { id: String, title: String },
    /// The total is below `min_total`.
    TotalBelow { total: Points, min: Points },
    /// The satisfaction is below `min_satisfaction`.
    SatisfactionBelow { rate: Rate, min: Rate },
    /// An item scored below its minimum (SPEC §11.3): its own `min` or `[pass] min_item`.
    ItemBelowMin(ItemShort),
    /// A point derives from a measure the record does not give (SPEC §11.7).
    MeasureMissing { id: String },
}

impl Reason {
    /// The stable code: the catalogue id of the message.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::NoSuchLevel { .. } => "no-such-level",
            Reason::NoAssessmentLevel => "no-assessment-level",
            Reason::LevelLacksPoints { .. } => "level-lacks-points",
            Reason::LevelBelowMin { .. } => "level-below-min",
            Reason::SurveyMissing => "survey-missing",
            Reason::Vetoed { .. } => "vetoed",
            Reason::TotalBelow { .. } => "total-below",
            Reason::SatisfactionBelow { .. } => "satisfaction-below",
            // One code for the rule, whichever of its three wordings (points, share, points
            // with N/A points) the message takes.
            Reason::ItemBelowMin(_) => "item-below-min",
            Reason::MeasureMissing { .. } => "measure-missing",
        }
    }

    /// The message with its figures formatted (the same in every language), to render.
    pub fn text(&self) -> Text {
        match self {
            Reason::NoSuchLevel { level } => both!("no-such-level", level = Word(level.name())),
            Reason::NoAssessmentLevel => both!("no-assessment-level"),
            Reason::LevelLacksPoints { level, points } => both!(
                "level-lacks-points",
                level = Word(level.name()),
                points = points.join(", ")
            ),
            Reason::LevelBelowMin { level, min } => both!(
                "level-below-min",
                level = Word(level.name()),
                min = Word(min.name())
            ),
            Reason::SurveyMissing => both!("survey-missing"),
            Reason::Vetoed { id, title } => both!("vetoed", id = id, title = title),
            Reason::TotalBelow { total, min } => {
                both!("total-below", total = total.fixed(), min = min)
            }
            Reason::SatisfactionBelow { rate, min } => both!(
                "satisfaction-below",
                rate = rate.percent_below(*min),
                min = min.percent()
            ),
            Reason::ItemBelowMin(short) => short.text(),
            Reason::MeasureMissing { id } => both!("measure-missing", id = id),
        }
    }

    /// In English, for JSON.
    pub fn en(&self) -> String {
        self.text().en()
    }

    /// In the interface language, for people (at the edge).
    pub fn shown(&self) -> String {
        self.text().shown()
    }
}

/// An item below its minimum (SPEC §11.3), with the figures its message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemShort {
    pub item: String,
    pub score: Points,
    pub applicable: Points,
    pub max: Points,
    pub min: ItemMin,
}

impl ItemShort {
    fn text(&self) -> Text {
        let share = |threshold: Rate| {
            Ratio::of(self.score, self.applicable)
                .map_or_else(String::new, |r| r.to_rate().percent_below(threshold))
        };
        match self.min {
            ItemMin::Share(min) => both!(
                "item-below-min-share",
                item = self.item,
                share = share(min),
                min = min.percent()
            ),
            ItemMin::Points(min) if self.applicable == self.max => both!(
                "item-below-min",
                item = self.item,
                score = self.score.fixed(),
                min = min
            ),
            ItemMin::Points(min) => {
                let needed = Ratio::of(min, self.max).map_or(Rate::ratio(0, 1), Ratio::to_rate);
                both!(
                    "item-below-min-na",
                    item = self.item,
                    score = self.score.fixed(),
                    applicable = self.applicable,
                    share = share(needed),
                    min = min,
                    max = self.max,
                    needed = needed.percent()
                )
            }
        }
    }
}
