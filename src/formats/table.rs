//! Tables for spreadsheet programs, as CSV or as an XLSX workbook, written row by row.
//!
//! Both formats neutralise text that a spreadsheet would read as a formula, so a hostile
//! title cannot run one on a reader's machine.

use std::borrow::Cow;
use std::io::Write;

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Time(NaiveDateTime),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(date: Option<NaiveDate>) -> Self {
        date.map_or(Cell::Empty, Cell::Date)
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Self {
        text.map_or(Cell::Empty, Cell::Text)
    }
}

/// A column: its heading, in the reader's language, and its width in characters.
#[derive(Debug, Clone)]
pub struct Column {
    pub heading: String,
    pub width: f64,
}

/// Text a spreadsheet program would take for a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one), made inert with a leading apostrophe, as OWASP advises.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Where rows go: a CSV file or a workbook.
pub trait TableWriter {
    /// Starts a sheet (a workbook's next one; CSV has one only, and ignores the name).
    fn sheet(&mut self, name: &str, columns: &[Column]) -> Result<(), TableError>;
    fn row(&mut self, cells: &[Cell]) -> Result<(), TableError>;
    /// Writes whatever is still held and hands back how many rows were written in all.
    fn finish(self: Box<Self>) -> Result<u64, TableError>;
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("writing the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing the workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// CSV in UTF-8 with a byte-order mark, so that spreadsheet programs read accents and Chinese
/// as written; dates as `YYYY-MM-DD`.
pub struct CsvTable<W: Write> {
    writer: csv::Writer<W>,
    rows: u64,
}

impl<W: Write> CsvTable<W> {
    pub fn new(mut out: W) -> Result<Self, TableError> {
        out.write_all("\u{feff}".as_bytes())?;
        Ok(Self {
            writer: csv::Writer::from_writer(out),
            rows: 0,
        })
    }
}

impl<W: Write> TableWriter for CsvTable<W> {
    fn sheet(&mut self, _name: &str, columns: &[Column]) -> Result<(), TableError> {
        self.writer
            .write_record(columns.iter().map(|c| neutralise(&c.heading).into_owned()))?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), TableError> {
        self.writer
            .write_record(cells.iter().map(|cell| match cell {
                Cell::Text(text) => neutralise(text).into_owned(),
                Cell::Date(date) => date.to_string(),
                Cell::Time(time) => time.format("%Y-%m-%d %H:%M:%S").to_string(),
                Cell::Number(number) => number.to_string(),
                Cell::Empty => String::new(),
            }))?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, TableError> {
        self.writer.flush()?;
        Ok(self.rows)
    }
}

/// An XLSX workbook: each sheet with its heading row frozen and filters on, dates as dates,
/// column widths set. Rows go to temporary files as they come (constant memory), and the
/// workbook is compressed into `out` at the end.
pub struct XlsxTable<W: Write + Send> {
    workbook: Workbook,
    out: W,
    heading: Format,
    date: Format,
    time: Format,
    /// The sheet being written, its next row and its number of columns.
    current: Option<(usize, u32, u16)>,
    rows: u64,
}

impl<W: Write + Send> XlsxTable<W> {
    pub fn new(out: W) -> Self {
        Self {
            workbook: Workbook::new(),
            out,
            heading: Format::new().set_bold().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            current: None,
            rows: 0,
        }
    }

    /// Filters over the sheet just finished, now that its last row is known.
    fn close_sheet(&mut self) -> Result<(), TableError> {
        if let Some((index, next_row, columns)) = self.current.take() {
            let sheet = self.workbook.worksheet_from_index(index)?;
            sheet.autofilter(
                0,
                0,
                next_row.saturating_sub(1).max(1),
                columns.saturating_sub(1),
            )?;
        }
        Ok(())
    }
}

impl<W: Write + Send> TableWriter for XlsxTable<W> {
    fn sheet(&mut self, name: &str, columns: &[Column]) -> Result<(), TableError> {
        self.close_sheet()?;
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(sheet_name(name))?;
        for (index, column) in (0u16..).zip(columns) {
            sheet.set_column_width(index, column.width)?;
            sheet.write_string_with_format(0, index, neutralise(&column.heading), &self.heading)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let index = self.workbook.worksheets().len() - 1;
        self.current = Some((index, 1, columns.len() as u16));
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), TableError> {
        let Some((index, row, _)) = self.current.as_mut() else {
            return Ok(());
        };
        let sheet = self.workbook.worksheet_from_index(*index)?;
        for (column, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(*row, column, neutralise(text))?;
                }
                Cell::Date(date) => {
                    sheet.write_date_with_format(*row, column, date, &self.date)?;
                }
                Cell::Time(time) => {
                    sheet.write_datetime_with_format(*row, column, time, &self.time)?;
                }
                Cell::Number(number) => {
                    sheet.write_number(*row, column, *number)?;
                }
                Cell::Empty => {}
            }
        }
        *row += 1;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64, TableError> {
        self.close_sheet()?;
        self.workbook.save_to_writer(&mut self.out)?;
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// A sheet name a spreadsheet program accepts: at most 31 characters, none of `[]:*?/\`,
/// not blank.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'');
    if cleaned.is_empty() {
        "Sheet".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sheet_names_are_cut_and_cleaned_as_spreadsheets_require() {
        assert_eq!(super::sheet_name("Irritants"), "Irritants");
        assert_eq!(
            super::sheet_name("Résumé: période [1/2]"),
            "Résumé  période  1 2"
        );
        assert_eq!(
            super::sheet_name(&"Très long nom de feuille ".repeat(3))
                .chars()
                .count(),
            31
        );
        assert_eq!(super::sheet_name(" ? "), "Sheet");
    }

    use super::*;

    #[test]
    fn text_that_starts_like_a_formula_is_made_inert() {
        for hostile in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"));
        }
        for harmless in ["Canola", "1-2", "", "a=b", "'quoted"] {
            assert_eq!(neutralise(harmless), harmless);
        }
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_quotes_what_needs_it() {
        let mut out = Vec::new();
        let mut table = Box::new(CsvTable::new(&mut out).unwrap());
        let columns = [
            Column {
                heading: "Title".into(),
                width: 10.0,
            },
            Column {
                heading: "Date".into(),
                width: 10.0,
            },
        ];
        table.sheet("", &columns).unwrap();
        table
            .row(&[
                Cell::from("Canola, \"seed\"\nand meal"),
                Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()),
            ])
            .unwrap();
        assert_eq!(table.finish().unwrap(), 1);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}Title,Date\n\"Canola, \"\"seed\"\"\nand meal\",2026-03-31\n"
        );
    }
}
