//! A spreadsheet as rows of text: the first worksheet of an XLSX workbook, or a CSV file
//! separated by commas, semicolons or tabs, in UTF-8 or in the Windows-1252 of older
//! spreadsheet programs. Whatever the bytes, reading them never panics: what cannot be read
//! is said.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// The first row, holding the columns' headings, and the rows under it, each with its
/// number in the file (blank rows are skipped, not renumbered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The number of each row in the file, as a spreadsheet program shows it.
    pub lines: Vec<usize>,
}

/// What was done to the text so that it could be read, for the person to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetNotice {
    /// Not UTF-8: read as Windows-1252, the encoding of older spreadsheet programs.
    ConvertedFromWindows1252,
}

/// Why a file could not be read as a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetProblem {
    #[error("the file is empty, or holds no row under its headings")]
    Empty,
    #[error("it is neither a CSV file nor an XLSX workbook that can be read ({0})")]
    NotASpreadsheet(String),
    #[error("row {row}, column {column}: a cell of more than {max} characters")]
    CellTooLong {
        row: usize,
        column: usize,
        max: usize,
    },
    #[error("more than {max} rows")]
    TooManyRows { max: usize },
    #[error("more than {max} columns")]
    TooManyColumns { max: usize },
}

impl SheetProblem {
    /// The problem as the import page names it, next to the file field.
    pub fn field_error(&self) -> crate::domain::FieldError {
        use crate::domain::FieldError;
        match self {
            SheetProblem::Empty => FieldError::new("import-sheet-empty"),
            SheetProblem::NotASpreadsheet(_) => FieldError::new("import-sheet-unreadable"),
            SheetProblem::CellTooLong { row, column, max } => {
                FieldError::new("import-sheet-cell-too-long")
                    .with("row", row)
                    .with("column", column)
                    .with("max", max)
            }
            SheetProblem::TooManyRows { max } => {
                FieldError::new("import-sheet-too-many-rows").with("max", max)
            }
            SheetProblem::TooManyColumns { max } => {
                FieldError::new("import-sheet-too-many-columns").with("max", max)
            }
        }
    }
}

/// The longest cell read: far more than any field holds, far less than would strain memory.
pub const CELL_MAX: usize = 50_000;

/// The most rows one import takes.
pub const ROWS_MAX: usize = 50_000;

/// The most columns read: far more than a register keeps.
pub const COLUMNS_MAX: usize = 200;

/// The most a workbook's parts may hold once inflated: a small file that inflates to
/// gigabytes (a "zip bomb") is refused before it is read.
const INFLATED_MAX: u64 = 200 * 1024 * 1024;

/// A row of cells, with its number in the file.
type NumberedRow = (usize, Vec<String>);

/// Reads a spreadsheet from its bytes: an XLSX workbook (a zip file) or else CSV. Rows and
/// columns are counted as they are read, so that no file makes the server hold more than
/// the limits allow.
pub fn read(bytes: &[u8]) -> Result<(Sheet, Option<SheetNotice>), SheetProblem> {
    let (rows, notice) = if bytes.starts_with(b"PK\x03\x04") {
        (xlsx_rows(bytes)?, None)
    } else {
        let (text, notice) = decoded(bytes)?;
        (csv_rows(&text)?, notice)
    };
    let mut rows = rows
        .into_iter()
        .filter(|(_, row)| row.iter().any(|cell| !cell.trim().is_empty()));
    let (_, headings) = rows.next().ok_or(SheetProblem::Empty)?;
    let headings: Vec<String> = headings.iter().map(|h| restored(h.trim())).collect();
    let (lines, rows): (Vec<usize>, Vec<Vec<String>>) = rows
        .map(|(line, row)| (line, row.iter().map(|cell| restored(cell.trim())).collect()))
        .unzip();
    if rows.is_empty() {
        return Err(SheetProblem::Empty);
    }
    for (row, line) in rows.iter().zip(&lines) {
        if let Some(column) = row.iter().position(|c| c.chars().count() > CELL_MAX) {
            return Err(SheetProblem::CellTooLong {
                row: *line,
                column: column + 1,
                max: CELL_MAX,
            });
        }
    }
    Ok((
        Sheet {
            headings,
            rows,
            lines,
        },
        notice,
    ))
}

/// Refuses a row beyond the limits: the headings' row and [`ROWS_MAX`] rows under it, of at
/// most [`COLUMNS_MAX`] columns.
fn within_limits(rows_read: usize, columns: usize) -> Result<(), SheetProblem> {
    if rows_read > ROWS_MAX + 1 {
        return Err(SheetProblem::TooManyRows { max: ROWS_MAX });
    }
    if columns > COLUMNS_MAX {
        return Err(SheetProblem::TooManyColumns { max: COLUMNS_MAX });
    }
    Ok(())
}

/// A cell's text as it was before an export made a formula-like text inert with a leading
/// apostrophe (see `formats::table::neutralise`).
fn restored(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// The text of a CSV file: UTF-8 (its byte-order mark dropped), or else Windows-1252, said.
/// Bytes that are no text at all (a binary file, or UTF-16) are refused rather than read as
/// nonsense.
fn decoded(bytes: &[u8]) -> Result<(String, Option<SheetNotice>), SheetProblem> {
    if bytes.contains(&0) {
        return Err(SheetProblem::NotASpreadsheet(
            "it holds bytes no text holds".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if control * 20 > text.chars().count() {
        return Err(SheetProblem::NotASpreadsheet(
            "much of it is not text".into(),
        ));
    }
    Ok((
        text.into_owned(),
        Some(SheetNotice::ConvertedFromWindows1252),
    ))
}

/// CSV rows, separated by whichever of comma, semicolon and tab the first line with text
/// uses most (French-language spreadsheet programs write semicolons).
fn csv_rows(text: &str) -> Result<Vec<NumberedRow>, SheetProblem> {
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut rows = Vec::new();
    let (mut line, mut counted_to) = (1, 0);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| SheetProblem::NotASpreadsheet(e.to_string()))?;
        within_limits(rows.len() + 1, record.len())?;
        // Counted up to the record's first character, from where the last count stopped: the
        // reader places a record where the blank lines before it begin.
        let after_blanks = record.position().map_or(counted_to, |p| p.byte() as usize);
        let start = text.as_bytes()[after_blanks.min(text.len())..]
            .iter()
            .position(|b| !matches!(b, b'\n' | b'\r'))
            .map_or(text.len(), |offset| after_blanks + offset);
        line += text.as_bytes()[counted_to..start.max(counted_to)]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start.max(counted_to);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(rows)
}

/// The rows of a workbook's first worksheet, each cell as text: dates as `YYYY-MM-DD`,
/// whole numbers without a decimal point. Cells are read one at a time into the rows they
/// stand in, so that a sheet with one stray cell far down or far right costs nothing.
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<NumberedRow>, SheetProblem> {
    not_a_bomb(bytes)?;
    let not_read = |e: calamine::XlsxError| SheetProblem::NotASpreadsheet(e.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_read)?;
    let first = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(SheetProblem::Empty)?;
    let mut cells = workbook.worksheet_cells_reader(&first).map_err(not_read)?;
    let mut rows: Vec<NumberedRow> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(not_read)? {
        let (row, column) = cell.get_position();
        let (line, column) = (row as usize + 1, column as usize);
        if rows.last().is_none_or(|(last, _)| *last != line) {
            rows.push((line, Vec::new()));
        }
        within_limits(rows.len(), column + 1)?;
        let (_, cells_of_row) = rows.last_mut().expect("a row was just added");
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = cell_text(&Data::from(cell.get_value().clone()));
    }
    Ok(rows)
}

/// Refuses a workbook whose parts would inflate beyond [`INFLATED_MAX`].
fn not_a_bomb(bytes: &[u8]) -> Result<(), SheetProblem> {
    let not_read = |e: zip::result::ZipError| SheetProblem::NotASpreadsheet(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_read)?;
    let mut inflated: u64 = 0;
    for at in 0..archive.len() {
        inflated = inflated.saturating_add(archive.by_index_raw(at).map_err(not_read)?.size());
    }
    if inflated > INFLATED_MAX {
        return Err(SheetProblem::NotASpreadsheet(
            "its parts would inflate beyond what a register holds".into(),
        ));
    }
    Ok(())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(moment) => moment
            .as_datetime()
            .map(|m| m.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.split('T').next().unwrap_or_default().to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_any_separator_and_encoding_is_read_and_a_conversion_is_said() {
        let (sheet, notice) =
            read("Title;Counterpart\n\"Droits; sur le canola\";CN\n".as_bytes()).unwrap();
        assert_eq!(sheet.headings, ["Title", "Counterpart"]);
        assert_eq!(sheet.rows, [["Droits; sur le canola", "CN"]]);
        assert_eq!(sheet.lines, [2]);
        assert_eq!(notice, None);
        let windows = b"Title,Counterpart\nDroits sur le homard \xe9tranger,CN\n";
        let (sheet, notice) = read(windows).unwrap();
        assert_eq!(sheet.rows[0][0], "Droits sur le homard étranger");
        assert_eq!(notice, Some(SheetNotice::ConvertedFromWindows1252));
        let bom = "\u{FEFF}Title\n'=1+1\n".as_bytes();
        assert_eq!(read(bom).unwrap().0.rows, [["=1+1"]]);
    }

    #[test]
    fn rows_keep_their_numbers_in_the_file_and_limits_are_kept_while_reading() {
        let (sheet, _) = read(b"\n\nTitle\n\nFirst\n\nSecond\n").unwrap();
        assert_eq!(sheet.lines, [5, 7]);
        let wide = format!("{}\nx\n", ",".repeat(COLUMNS_MAX + 1));
        assert_eq!(
            read(wide.as_bytes()),
            Err(SheetProblem::TooManyColumns { max: COLUMNS_MAX })
        );
        let long = format!("Title\n{}", "x\n".repeat(ROWS_MAX + 1));
        assert_eq!(
            read(long.as_bytes()),
            Err(SheetProblem::TooManyRows { max: ROWS_MAX })
        );
    }

    #[test]
    fn what_is_not_a_spreadsheet_is_refused_with_its_reason() {
        assert_eq!(read(b""), Err(SheetProblem::Empty));
        assert_eq!(read(b"Title\n"), Err(SheetProblem::Empty));
        assert!(matches!(
            read(b"PK\x03\x04 not really a workbook"),
            Err(SheetProblem::NotASpreadsheet(_))
        ));
        assert!(matches!(
            read(&[0xff, 0xfe, b'T', 0, b'i', 0]),
            Err(SheetProblem::NotASpreadsheet(_))
        ));
        let long = format!("Title\n{}\n", "x".repeat(CELL_MAX + 1));
        assert_eq!(
            read(long.as_bytes()),
            Err(SheetProblem::CellTooLong {
                row: 2,
                column: 1,
                max: CELL_MAX
            })
        );
    }
}
