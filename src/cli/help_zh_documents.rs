//! Chinese `--help` of the documents an office issues: the bulletin as a 公文 and the round's
//! document settings, keyed by their English text as [`super::help_zh`] reads them.

pub const ZH_DOCUMENTS: &[(&str, &str)] = &[
    (
        "Write the round bulletin (通报) as a Word 公文 after GB/T 9704 (docx), Markdown, printable HTML or a workbook (xlsx)",
        "写出轮次通报：按 GB/T 9704 排版的 Word 公文（docx）、Markdown、可打印的 HTML 或工作簿（xlsx）",
    ),
    (
        "Output format: html (default), md, docx (a Word 公文 after GB/T 9704) or xlsx",
        "输出格式：html（默认）、md、docx（按 GB/T 9704 排版的 Word 公文）或 xlsx",
    ),
    (
        "Output file or directory (default: standard output; required for docx and xlsx)",
        "输出文件或文件夹（默认：标准输出；docx 和 xlsx 时必填）",
    ),
    (
        "The issuing office (发文机关), e.g. 丽水市人民政府办公室",
        "发文机关，如 丽水市人民政府办公室",
    ),
    (
        "The addressees (主送机关), e.g. 各县（市、区）人民政府，市政府各部门",
        "主送机关，如 各县（市、区）人民政府，市政府各部门",
    ),
    (
        "The document number (发文字号), e.g. 丽政办发〔2025〕1号",
        "发文字号，如 丽政办发〔2025〕1号（给出时印版头）",
    ),
    (
        "The date of the document (成文日期), YYYY-MM-DD",
        "成文日期，格式 YYYY-MM-DD",
    ),
    (
        "The documents the check rests on (依据文件), e.g. 《国务院办公厅关于推进政务新媒体健康有序发展的意见》",
        "依据文件（根据……），如《国务院办公厅关于推进政务新媒体健康有序发展的意见》",
    ),
    (
        "The deadline for 整改, YYYY-MM-DD",
        "整改期限，格式 YYYY-MM-DD",
    ),
    (
        "Show or set what the round's documents (the bulletin) say about who issues them: the issuing office, the addressees, the documents the check rests on, the number and the 整改 deadline; `assay bulletin` prints them (its own options override them)",
        "显示或设定本轮通报的发文信息：发文机关、主送机关、依据文件、发文字号和整改期限；`assay bulletin` 会印上它们（其自身选项优先）",
    ),
];
