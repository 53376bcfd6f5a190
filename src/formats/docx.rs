//! Word documents (DOCX), for briefing notes that are edited and routed as such: headed on
//! every page by a security marking and a line saying what the document is, numbered
//! "n / N" at the foot, on Letter paper. The text comes in the reader's words; this module
//! only lays it out.

use docx_rs::{
    AlignmentType, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Run, Style,
    StyleType, Table, TableCell, TableRow, WidthType,
};

/// Letter, in twentieths of a point, with margins of three quarters of an inch.
const PAGE_WIDTH: u32 = 12_240;
const PAGE_HEIGHT: u32 = 15_840;
const MARGIN: i32 = 1_080;
/// The width between the margins, for tables.
const TEXT_WIDTH: usize = (PAGE_WIDTH as usize) - 2 * (MARGIN as usize);
/// Sizes in half-points.
const BODY_SIZE: usize = 20;
const SMALL_SIZE: usize = 16;

/// A document being laid out, paragraph by paragraph.
pub struct WordDocument {
    docx: Docx,
}

impl WordDocument {
    /// A document whose every page is headed by `marking` (when there is one) and `heading`.
    pub fn new(marking: &str, heading: &str) -> Self {
        let mut header = Header::new();
        if !marking.is_empty() {
            header = header.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(marking).bold().size(SMALL_SIZE)),
            );
        }
        header = header.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(heading)
                    .size(SMALL_SIZE)
                    .color("444444"),
            ),
        );
        let footer = Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .size(SMALL_SIZE)
                .add_page_num(PageNum::new())
                .add_run(Run::new().add_text(" / "))
                .add_num_pages(NumPages::new()),
        );
        let docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(500)
                    .footer(500),
            )
            .default_size(BODY_SIZE)
            .add_style(heading_style("Title", "Title", 32))
            .add_style(heading_style("Heading1", "heading 1", 26))
            .add_style(heading_style("Heading2", "heading 2", 22))
            .header(header)
            .footer(footer);
        WordDocument { docx }
    }

    fn add(self, paragraph: Paragraph) -> Self {
        WordDocument {
            docx: self.docx.add_paragraph(paragraph),
        }
    }

    /// The document's title.
    pub fn title(self, text: &str) -> Self {
        self.add(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(text)),
        )
    }

    /// A section's heading, kept with what follows it.
    pub fn heading(self, text: &str) -> Self {
        self.add(
            Paragraph::new()
                .style("Heading1")
                .keep_next(true)
                .add_run(Run::new().add_text(text)),
        )
    }

    /// A heading within a section.
    pub fn subheading(self, text: &str) -> Self {
        self.add(
            Paragraph::new()
                .style("Heading2")
                .keep_next(true)
                .add_run(Run::new().add_text(text)),
        )
    }

    pub fn paragraph(self, text: &str) -> Self {
        self.add(Paragraph::new().add_run(Run::new().add_text(text)))
    }

    /// "Label: text", the label in bold.
    pub fn labelled(self, label: &str, text: &str) -> Self {
        self.add(
            Paragraph::new()
                .add_run(Run::new().add_text(label).bold())
                .add_run(Run::new().add_text(text)),
        )
    }

    /// Quoted words (in their quotation marks), indented and in italics, with where they
    /// come from.
    pub fn quotation(self, quoted: &str, source: &str) -> Self {
        self.add(
            Paragraph::new()
                .indent(Some(360), None, Some(360), None)
                .add_run(Run::new().add_text(quoted).italic()),
        )
        .add(
            Paragraph::new()
                .indent(Some(360), None, None, None)
                .add_run(Run::new().add_text(source).size(SMALL_SIZE)),
        )
    }

    /// A list item: "• text", its first words (a day, say) in bold.
    pub fn item(self, lead: &str, text: &str) -> Self {
        self.add(
            Paragraph::new()
                .indent(Some(360), None, None, None)
                .add_run(Run::new().add_text(format!("• {lead}")).bold())
                .add_run(Run::new().add_text(text)),
        )
    }

    /// A table whose first row is its heading; its columns share the width as `weights` say.
    pub fn table(self, weights: &[usize], rows: &[Vec<String>]) -> Self {
        let total: usize = weights.iter().sum::<usize>().max(1);
        let widths: Vec<usize> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
        let rows = rows
            .iter()
            .enumerate()
            .map(|(index, cells)| {
                let cells = cells
                    .iter()
                    .zip(&widths)
                    .map(|(text, width)| {
                        let run = Run::new().add_text(text).size(SMALL_SIZE + 2);
                        let run = if index == 0 { run.bold() } else { run };
                        TableCell::new()
                            .width(*width, WidthType::Dxa)
                            .add_paragraph(Paragraph::new().add_run(run))
                    })
                    .collect();
                TableRow::new(cells)
            })
            .collect();
        let table = Table::new(rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa);
        WordDocument {
            docx: self.docx.add_table(table),
        }
    }

    /// The document as the bytes of its file.
    pub fn into_bytes(self) -> Result<Vec<u8>, std::io::Error> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        self.docx
            .build()
            .pack(&mut bytes)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(bytes.into_inner())
    }
}

fn heading_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .size(size)
        .bold()
        .color("1F3A5F")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_a_zip_holding_its_text_header_and_footer() {
        let bytes = WordDocument::new("UNCLASSIFIED", "Brief CN-2026-0001")
            .title("Canola <seed> & meal")
            .labelled("Status: ", "open")
            .table(
                &[1, 2],
                &[vec!["A".into(), "B".into()], vec!["c".into(), "d".into()]],
            )
            .into_bytes()
            .unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("word/document.xml"));
        assert!(text.contains("word/header1.xml"));
        assert!(text.contains("word/footer1.xml"));
    }
}
