//! The rubric templates built into the binary, so that `assay rubric new` works from any
//! folder: the four-dimension evaluation and the national inspection (the shipped rubrics).

use super::model::Rubric;
use super::parse::parse;
use super::write::{Written, write_ron};

/// A built-in rubric: its id, what it is for, and its RON text.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub id: &'static str,
    pub about_zh: &'static str,
    pub about_en: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        id: "four-dimensions",
        about_zh: "四维度评估：职能契合、制作水准、传播效果、互动回应，满分100分，另有加分项和单项否决",
        about_en: "Four-dimension evaluation: function fit, production, reach, interaction; 100 points, bonus and single-veto items",
        text: include_str!("../../../rubrics/four-dimensions.ron"),
    },
    Template {
        id: "national-inspection",
        about_zh: "全国检查框架（国办秘函〔2019〕19号）：单项否决、扣分指标100分（扣完为止）、高于80分计加分",
        about_en: "National inspection (国办秘函〔2019〕19号): single-veto items, 100-point deduction table, bonus above 80",
        text: include_str!("../../../rubrics/national-inspection.ron"),
    },
];

/// The template with this id.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id.trim())
}

impl Template {
    /// The template's rubric (it is checked by the tests, so it always parses).
    pub fn rubric(&self) -> Result<Rubric, super::RubricErrors> {
        parse(self.text, &format!("{}.ron", self.id))
    }

    /// The template as a new rubric file: one field a line, each kind explained in Chinese.
    pub fn written(&self) -> Result<Written, super::RubricErrors> {
        Ok(write_ron(&self.rubric()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_its_written_form_reads_back_the_same() {
        for t in TEMPLATES {
            let r = t.rubric().unwrap_or_else(|e| panic!("{}: {e}", t.id));
            assert_eq!(r.id, t.id);
            let w = t.written().expect("written");
            let back = parse(&w.text, "new.ron").unwrap_or_else(|e| panic!("{e}\n{}", w.text));
            assert_eq!(back, r, "{}", t.id);
        }
        assert!(template("national-inspection").is_some());
        assert!(template("nope").is_none());
    }
}
