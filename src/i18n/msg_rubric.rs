//! Messages of `assay rubric templates|new|export|import`: rubric workbooks' cell problems (each
//! named by sheet, row and column), what was written, and refusals.

use super::Lang;

/// Where a cell is: `工作表“指标”第 7 行 E 列（分值）`.
pub fn cell_at(lang: Lang, sheet: &str, row: usize, col: &str, header: &str) -> String {
    match lang {
        Lang::Zh => format!("工作表“{sheet}”第 {row} 行 {col} 列（{header}）"),
        Lang::En => format!("sheet {sheet}, row {row}, column {col} ({header})"),
    }
}

/// Where a row is: `工作表“指标”第 7 行`.
pub fn row_at(lang: Lang, sheet: &str, row: usize) -> String {
    match lang {
        Lang::Zh => format!("工作表“{sheet}”第 {row} 行"),
        Lang::En => format!("sheet {sheet}, row {row}"),
    }
}

pub fn cell_not_number(lang: Lang, v: &str) -> String {
    match lang {
        Lang::Zh => format!("“{v}”不是数字；请填写数字，如 10 或 2.5"),
        Lang::En => format!("\"{v}\" is not a number; write a number such as 10 or 2.5"),
    }
}

pub fn cell_not_integer(lang: Lang, v: &str) -> String {
    match lang {
        Lang::Zh => format!("“{v}”不是 0 到 6 的整数；请填写如 2"),
        Lang::En => format!("\"{v}\" is not a whole number from 0 to 6; write one such as 2"),
    }
}

pub fn cell_bad_kind(lang: Lang, v: &str, kinds: &str) -> String {
    match lang {
        Lang::Zh => format!("“{v}”不是指标类型；请填写 {kinds} 之一"),
        Lang::En => format!(
            "\"{v}\" is not an indicator kind; write one of {kinds} (score, deduct, bonus, check, veto)"
        ),
    }
}

/// A value missing that rows of this kind need.
pub fn cell_needed(lang: Lang, kind: &str, header: &str) -> String {
    match lang {
        Lang::Zh => format!("{kind}项必须填写“{header}”"),
        Lang::En => format!("a {kind} row needs a value in {header}"),
    }
}

/// A value given that rows of this kind do not use.
pub fn cell_not_used(lang: Lang, kind: &str, header: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("{kind}项不用“{header}”（填了“{value}”）；请清空该格"),
        Lang::En => {
            format!("a {kind} row does not use {header} (it holds \"{value}\"); empty the cell")
        }
    }
}

/// A word outside a column's choices.
pub fn cell_not_one_of(lang: Lang, v: &str, choices: &str) -> String {
    match lang {
        Lang::Zh => format!("“{v}”不是可选的写法；请填写 {choices} 之一"),
        Lang::En => format!("\"{v}\" is not one of the choices; write one of {choices}"),
    }
}

/// A list of (name, number) pairs that does not read: 档次 or 等次.
pub fn cell_bad_pairs(lang: Lang, v: &str, example: &str) -> String {
    match lang {
        Lang::Zh => format!("“{v}”读不出名称和分数；请写成如 {example}"),
        Lang::En => format!("\"{v}\" does not read as names with numbers; write it like {example}"),
    }
}

pub fn row_no_category(lang: Lang) -> String {
    match lang {
        Lang::Zh => "这一行没有所属维度；请在“维度”列填写维度名称".into(),
        Lang::En => "this row belongs to no dimension; fill in the 维度 column".into(),
    }
}

pub fn row_no_name(lang: Lang) -> String {
    match lang {
        Lang::Zh => "指标名称为空；请填写".into(),
        Lang::En => "the indicator has no name; fill in the 指标 column".into(),
    }
}

pub fn category_no_weight(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("维度“{name}”没有权重；请在该维度的第一行填写“维度权重”"),
        Lang::En => {
            format!("the dimension {name} has no weight; fill in 维度权重 on its first row")
        }
    }
}

pub fn category_two_weights(lang: Lang, name: &str, first: &str, second: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("维度“{name}”的权重先写了 {first}，这里又写了 {second}；同一维度只能有一个权重")
        }
        Lang::En => format!(
            "the dimension {name} has weight {first} above and {second} here; a dimension has one weight"
        ),
    }
}

pub fn category_unknown(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("“指标”表中没有维度“{name}”；请改成该表中的维度名称或编号"),
        Lang::En => format!(
            "the 指标 sheet has no dimension {name}; use a dimension name or id from that sheet"
        ),
    }
}

pub fn header_unknown_item(lang: Lang, v: &str, items: &str) -> String {
    match lang {
        Lang::Zh => format!("不认识的项目“{v}”；可填写：{items}"),
        Lang::En => format!("unknown item \"{v}\"; the items are {items}"),
    }
}

pub fn no_indicator_sheet(lang: Lang, path: &str, sheet: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{path}：工作表“{sheet}”中找不到表头行；表头须含“指标”和“类型”两列（可用 assay rubric new --format xlsx 生成样表）"
        ),
        Lang::En => format!(
            "{path}: sheet {sheet} has no header row with the columns 指标 and 类型 (assay rubric new --format xlsx writes a model)"
        ),
    }
}

pub fn no_indicator_rows(lang: Lang, path: &str, sheet: &str) -> String {
    match lang {
        Lang::Zh => format!("{path}：工作表“{sheet}”中没有指标；请每行填写一个指标"),
        Lang::En => format!("{path}: sheet {sheet} holds no indicator; write one indicator a row"),
    }
}

/// The heading of a refused workbook's problem list.
pub fn workbook_refused(lang: Lang, path: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{path}：有 {n} 处问题，未写出任何文件。请修改后重新导入："),
        Lang::En => {
            format!("{path}: {n} problem(s); nothing was written. Fix these and import again:")
        }
    }
}

/// The rubric's own checks, traced back to the part of the workbook they concern.
pub fn workbook_check_failed(lang: Lang, path: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "{path}：读出的评分标准未通过检查（{n} 处），未写出任何文件。请修改后重新导入："
        ),
        Lang::En => format!(
            "{path}: the rubric read does not pass its checks ({n}); nothing was written. Fix these and import again:"
        ),
    }
}

/// Items the workbook left out that took their usual value.
pub fn workbook_defaults(lang: Lang, items: &str) -> String {
    match lang {
        Lang::Zh => format!("注意：基本信息未填的项目用了默认值：{items}；请核对"),
        Lang::En => {
            format!("note: items the header sheet leaves out took defaults: {items}; check them")
        }
    }
}

pub fn rubric_imported(lang: Lang, from: &str, out: &str, name: &str, items: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "已从 {from} 读入“{name}”（{items} 项），写出 {out}，并已通过检查；用 assay rubric show {out} 查看"
        ),
        Lang::En => format!(
            "read \"{name}\" ({items} items) from {from}, wrote {out}; it passes the checks (see assay rubric show {out})"
        ),
    }
}

pub fn rubric_exported(lang: Lang, out: &str, name: &str, items: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "已写出 {out}：“{name}”，{items} 项；工作表“填写说明”解释每一列，改完后用 assay rubric import 读回"
        ),
        Lang::En => format!(
            "wrote {out}: \"{name}\", {items} items; the sheet 填写说明 explains every column; read it back with assay rubric import"
        ),
    }
}

pub fn rubric_created(lang: Lang, out: &str, template: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("已按模板 {template} 写出 {out}；按注释修改后用 assay rubric check {out} 检查")
        }
        Lang::En => format!(
            "wrote {out} from the template {template}; edit it as its comments say, then check it with assay rubric check {out}"
        ),
    }
}

pub fn rubric_created_xlsx(lang: Lang, out: &str, template: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "已按模板 {template} 写出 {out}；在 Excel 或 WPS 中修改（工作表“填写说明”解释每一列），再用 assay rubric import {out} --out 文件名.ron 读回"
        ),
        Lang::En => format!(
            "wrote {out} from the template {template}; edit it in Excel or WPS (the sheet 填写说明 explains every column), then read it back with assay rubric import {out} --out FILE.ron"
        ),
    }
}

pub fn out_exists(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("{path} 已存在，未覆盖；请换一个文件名，或加 --force 覆盖"),
        Lang::En => {
            format!("{path} already exists and was kept; choose another name or add --force")
        }
    }
}

pub fn unknown_template(lang: Lang, id: &str, ids: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("没有编号为“{id}”的模板；可用：{ids}（assay rubric templates 列出全部）")
        }
        Lang::En => {
            format!("no template \"{id}\"; the templates are {ids} (see assay rubric templates)")
        }
    }
}

pub fn unknown_rubric_format(lang: Lang, f: &str) -> String {
    match lang {
        Lang::Zh => format!("不支持的格式“{f}”；请用 ron 或 xlsx"),
        Lang::En => format!("unsupported format \"{f}\"; use ron or xlsx"),
    }
}

/// The line under `rubric templates`.
pub fn templates_next(lang: Lang) -> &'static str {
    lang.pick(
        "用 assay rubric new --template 编号 --out 文件名.ron 生成一份带中文注释、可修改的评分标准（--format xlsx 生成 Excel 表）",
        "assay rubric new --template ID --out FILE.ron writes an editable rubric with comments (--format xlsx writes a workbook)",
    )
}

pub fn samples_written(lang: Lang, dir: &str, files: &str) -> String {
    match lang {
        Lang::Zh => format!("已在 {dir} 写出示例文件：{files}；可按《主管单位快速上手》导入练习"),
        Lang::En => format!(
            "wrote the sample files into {dir}: {files}; practise the imports with the office guide"
        ),
    }
}
