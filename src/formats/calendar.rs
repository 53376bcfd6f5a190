//! Deadlines as an iCalendar feed (RFC 5545) that calendar programs subscribe to: each
//! deadline an all-day event whose UID stays the same, so a changed date moves the event.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEvent {
    /// Stable for the deadline's whole life: the program replaces the event it already has.
    pub uid: String,
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
    /// Grows with every change, so programs take the newer copy.
    pub sequence: i32,
    pub last_modified: NaiveDateTime,
}

/// The calendar, lines ended by CRLF and folded at 75 octets as RFC 5545 requires.
pub fn calendar(name: &str, events: &[DayEvent], generated_at: NaiveDateTime) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//irritrack//deadlines//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    let stamp = utc_stamp(generated_at);
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!(
            "DTSTART;VALUE=DATE:{}",
            event.day.format("%Y%m%d")
        ));
        let next_day = event.day.succ_opt().unwrap_or(event.day);
        line(&format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&event.description)));
        }
        line(&format!("SEQUENCE:{}", event.sequence.max(0)));
        line(&format!("LAST-MODIFIED:{}", utc_stamp(event.last_modified)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn utc_stamp(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Text with the characters that structure a content line escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends one content line, folded so that no line exceeds 75 octets, never inside a
/// character (French accents and Chinese take two to four octets each).
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let octets = c.len_utf8();
        if width + octets > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += octets;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_french_and_chinese_lines_fold_between_characters() {
        let event = DayEvent {
            uid: "milestone-1@irritrack".into(),
            day: day(2026, 12, 31),
            summary: "Échéance : réunion technique sur le canola; 加拿大油菜籽反倾销调查的最终裁定，以及海产品进口限制".into(),
            description: "Ligne un\nLigne deux, avec virgule".into(),
            sequence: 3,
            last_modified: day(2026, 11, 1).and_hms_opt(12, 0, 0).unwrap(),
        };
        let text = calendar(
            "Échéances",
            &[event],
            day(2026, 11, 28).and_hms_opt(0, 0, 0).unwrap(),
        );
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:Échéance : réunion technique sur le canola\\; 加拿大油菜籽")
        );
        assert!(unfolded.contains("DESCRIPTION:Ligne un\\nLigne deux\\, avec virgule"));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
