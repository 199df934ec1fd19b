//! moment.js display formats (`"dddd, MMMM Do YYYY, h:mm:ss a"`), as KDG's `date.now` and
//! `date.utc` take them. The sandbox keeps UTC, so the offset is always `+00:00`.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use std::fmt::Write;

/// One piece of a parsed format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Text(String),
    Field(Field),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Year6,
    Year4,
    Year2,
    Year,
    Quarter,
    QuarterOrdinal,
    Month,
    MonthOrdinal,
    Month2,
    MonthShort,
    MonthLong,
    Day,
    DayOrdinal,
    Day2,
    DayOfYear,
    DayOfYearOrdinal,
    DayOfYear3,
    Weekday,
    WeekdayOrdinal,
    WeekdayMin,
    WeekdayShort,
    WeekdayLong,
    IsoWeekday,
    Week,
    WeekOrdinal,
    Week2,
    IsoWeek,
    IsoWeekOrdinal,
    IsoWeek2,
    WeekYear2,
    WeekYear4,
    IsoWeekYear2,
    IsoWeekYear4,
    Hour24,
    Hour24Pad,
    Hour12,
    Hour12Pad,
    Hour1To24,
    Hour1To24Pad,
    Minute,
    Minute2,
    Second,
    Second2,
    Fraction(u8),
    AmPmLower,
    AmPmUpper,
    OffsetColon,
    OffsetPlain,
    ZoneName,
    UnixSeconds,
    UnixMillis,
    Era,
    EraLong,
}

/// Tokens, longest first, as moment's tokenizer tries them.
const TOKENS: &[(&str, Field)] = &[
    ("YYYYYY", Field::Year6),
    ("YYYY", Field::Year4),
    ("YY", Field::Year2),
    ("Y", Field::Year),
    ("Qo", Field::QuarterOrdinal),
    ("Q", Field::Quarter),
    ("MMMM", Field::MonthLong),
    ("MMM", Field::MonthShort),
    ("MM", Field::Month2),
    ("Mo", Field::MonthOrdinal),
    ("M", Field::Month),
    ("DDDD", Field::DayOfYear3),
    ("DDDo", Field::DayOfYearOrdinal),
    ("DDD", Field::DayOfYear),
    ("DD", Field::Day2),
    ("Do", Field::DayOrdinal),
    ("D", Field::Day),
    ("dddd", Field::WeekdayLong),
    ("ddd", Field::WeekdayShort),
    ("dd", Field::WeekdayMin),
    ("do", Field::WeekdayOrdinal),
    ("d", Field::Weekday),
    ("e", Field::Weekday),
    ("E", Field::IsoWeekday),
    ("wo", Field::WeekOrdinal),
    ("ww", Field::Week2),
    ("w", Field::Week),
    ("Wo", Field::IsoWeekOrdinal),
    ("WW", Field::IsoWeek2),
    ("W", Field::IsoWeek),
    ("gggg", Field::WeekYear4),
    ("gg", Field::WeekYear2),
    ("GGGG", Field::IsoWeekYear4),
    ("GG", Field::IsoWeekYear2),
    ("HH", Field::Hour24Pad),
    ("H", Field::Hour24),
    ("hh", Field::Hour12Pad),
    ("h", Field::Hour12),
    ("kk", Field::Hour1To24Pad),
    ("k", Field::Hour1To24),
    ("mm", Field::Minute2),
    ("m", Field::Minute),
    ("ss", Field::Second2),
    ("s", Field::Second),
    ("a", Field::AmPmLower),
    ("A", Field::AmPmUpper),
    ("ZZ", Field::OffsetPlain),
    ("Z", Field::OffsetColon),
    ("zz", Field::ZoneName),
    ("z", Field::ZoneName),
    ("X", Field::UnixSeconds),
    ("x", Field::UnixMillis),
    ("NNNNN", Field::Era),
    ("NNNN", Field::EraLong),
    ("NNN", Field::Era),
    ("NN", Field::Era),
    ("N", Field::Era),
];

/// Splits a moment format into literal text and fields. `[text]` is literal, and so is a
/// character after `\`.
pub fn parse(format: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut text = String::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(close) = rest.find(']') {
                text.push_str(&rest[1..close]);
                rest = &rest[close + 1..];
                continue;
            }
        }
        if c == '\\' {
            let mut chars = rest.chars();
            chars.next();
            if let Some(next) = chars.next() {
                text.push(next);
                rest = chars.as_str();
                continue;
            }
        }
        let fraction = rest.bytes().take_while(|b| *b == b'S').count();
        let field = if fraction > 0 {
            let n = fraction.min(9);
            Some((n, Field::Fraction(n as u8)))
        } else {
            TOKENS
                .iter()
                .find(|(t, _)| rest.starts_with(t))
                .map(|(t, f)| (t.len(), *f))
        };
        match field {
            Some((len, field)) => {
                if !text.is_empty() {
                    out.push(Token::Text(std::mem::take(&mut text)));
                }
                out.push(Token::Field(field));
                rest = &rest[len..];
            }
            None => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !text.is_empty() {
        out.push(Token::Text(text));
    }
    out
}

/// moment's default format: `2014-09-08T08:02:17+00:00` for local time…
pub const DEFAULT_LOCAL: &str = "YYYY-MM-DDTHH:mm:ssZ";
/// …and `2014-09-08T08:02:17Z` for a UTC moment.
pub const DEFAULT_UTC: &str = "YYYY-MM-DDTHH:mm:ss[Z]";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// The days of the week, Sunday first, as moment.js names them.
pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub fn month_name(index0: usize, abbr: bool) -> &'static str {
    let name = MONTHS[index0 % 12];
    if abbr {
        &name[..3]
    } else {
        name
    }
}

pub fn weekday_name(index0: usize, abbr: bool) -> &'static str {
    let name = WEEKDAYS[index0 % 7];
    if abbr {
        &name[..3]
    } else {
        name
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st` as moment's English locale writes them.
pub fn ordinal(n: i64) -> String {
    let tens = (n % 100) / 10;
    let suffix = if tens == 1 {
        "th"
    } else {
        match n % 10 {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        }
    };
    format!("{n}{suffix}")
}

fn days_in_year(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// moment's `firstWeekOffset`: where week 1 starts relative to 1 January.
fn first_week_offset(year: i32, dow: i64, doy: i64) -> i64 {
    let fwd = 7 + dow - doy;
    let jan = NaiveDate::from_ymd_opt(year, 1, fwd as u32).unwrap_or_default();
    let weekday = jan.weekday().num_days_from_sunday() as i64;
    let fwdlw = (7 + weekday - dow) % 7;
    -fwdlw + fwd - 1
}

fn weeks_in_year(year: i32, dow: i64, doy: i64) -> i64 {
    let offset = first_week_offset(year, dow, doy);
    let next = first_week_offset(year + 1, dow, doy);
    (days_in_year(year) - offset + next) / 7
}

/// (week, week-year) with weeks starting on `dow` and week 1 holding day `doy` of January
/// rules as moment computes them: English locale is (0, 6), ISO is (1, 4).
fn week_of_year(t: &DateTime<Utc>, dow: i64, doy: i64) -> (i64, i32) {
    let year = t.year();
    let offset = first_week_offset(year, dow, doy);
    let week = (t.ordinal() as i64 - offset - 1).div_euclid(7) + 1;
    if week < 1 {
        (week + weeks_in_year(year - 1, dow, doy), year - 1)
    } else if week > weeks_in_year(year, dow, doy) {
        (week - weeks_in_year(year, dow, doy), year + 1)
    } else {
        (week, year)
    }
}

fn pad(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        let _ = write!(out, "-{:0width$}", -n, width = width);
    } else {
        let _ = write!(out, "{:0width$}", n, width = width);
    }
}

/// Writes `t` in the parsed format.
pub fn format_into(tokens: &[Token], t: &DateTime<Utc>, utc: bool, out: &mut String) {
    for token in tokens {
        let field = match token {
            Token::Text(s) => {
                out.push_str(s);
                continue;
            }
            Token::Field(f) => *f,
        };
        let year = t.year() as i64;
        let month = t.month() as i64;
        let weekday = t.weekday().num_days_from_sunday() as usize;
        match field {
            Field::Year6 => {
                out.push(if year < 0 { '-' } else { '+' });
                pad(out, year.abs(), 6);
            }
            Field::Year4 => {
                if year > 9999 {
                    out.push('+');
                }
                pad(out, year, 4);
            }
            Field::Year2 => pad(out, year.rem_euclid(100), 2),
            Field::Year => {
                if year > 9999 {
                    out.push('+');
                }
                let _ = write!(out, "{year}");
            }
            Field::Quarter => {
                let _ = write!(out, "{}", (month - 1) / 3 + 1);
            }
            Field::QuarterOrdinal => out.push_str(&ordinal((month - 1) / 3 + 1)),
            Field::Month => {
                let _ = write!(out, "{month}");
            }
            Field::MonthOrdinal => out.push_str(&ordinal(month)),
            Field::Month2 => pad(out, month, 2),
            Field::MonthShort => out.push_str(month_name(month as usize - 1, true)),
            Field::MonthLong => out.push_str(month_name(month as usize - 1, false)),
            Field::Day => {
                let _ = write!(out, "{}", t.day());
            }
            Field::DayOrdinal => out.push_str(&ordinal(t.day() as i64)),
            Field::Day2 => pad(out, t.day() as i64, 2),
            Field::DayOfYear => {
                let _ = write!(out, "{}", t.ordinal());
            }
            Field::DayOfYearOrdinal => out.push_str(&ordinal(t.ordinal() as i64)),
            Field::DayOfYear3 => pad(out, t.ordinal() as i64, 3),
            Field::Weekday => {
                let _ = write!(out, "{weekday}");
            }
            Field::WeekdayOrdinal => out.push_str(&ordinal(weekday as i64)),
            Field::WeekdayMin => out.push_str(&weekday_name(weekday, false)[..2]),
            Field::WeekdayShort => out.push_str(weekday_name(weekday, true)),
            Field::WeekdayLong => out.push_str(weekday_name(weekday, false)),
            Field::IsoWeekday => {
                let _ = write!(out, "{}", t.weekday().number_from_monday());
            }
            Field::Week | Field::WeekOrdinal | Field::Week2 => {
                let (w, _) = week_of_year(t, 0, 6);
                match field {
                    Field::Week => {
                        let _ = write!(out, "{w}");
                    }
                    Field::WeekOrdinal => out.push_str(&ordinal(w)),
                    _ => pad(out, w, 2),
                }
            }
            Field::IsoWeek | Field::IsoWeekOrdinal | Field::IsoWeek2 => {
                let (w, _) = week_of_year(t, 1, 4);
                match field {
                    Field::IsoWeek => {
                        let _ = write!(out, "{w}");
                    }
                    Field::IsoWeekOrdinal => out.push_str(&ordinal(w)),
                    _ => pad(out, w, 2),
                }
            }
            Field::WeekYear2 => pad(out, (week_of_year(t, 0, 6).1 as i64).rem_euclid(100), 2),
            Field::WeekYear4 => pad(out, week_of_year(t, 0, 6).1 as i64, 4),
            Field::IsoWeekYear2 => pad(out, (week_of_year(t, 1, 4).1 as i64).rem_euclid(100), 2),
            Field::IsoWeekYear4 => pad(out, week_of_year(t, 1, 4).1 as i64, 4),
            Field::Hour24 => {
                let _ = write!(out, "{}", t.hour());
            }
            Field::Hour24Pad => pad(out, t.hour() as i64, 2),
            Field::Hour12 | Field::Hour12Pad => {
                let h = match t.hour() % 12 {
                    0 => 12,
                    h => h,
                };
                if field == Field::Hour12 {
                    let _ = write!(out, "{h}");
                } else {
                    pad(out, h as i64, 2);
                }
            }
            Field::Hour1To24 | Field::Hour1To24Pad => {
                let h = match t.hour() {
                    0 => 24,
                    h => h,
                };
                if field == Field::Hour1To24 {
                    let _ = write!(out, "{h}");
                } else {
                    pad(out, h as i64, 2);
                }
            }
            Field::Minute => {
                let _ = write!(out, "{}", t.minute());
            }
            Field::Minute2 => pad(out, t.minute() as i64, 2),
            Field::Second => {
                let _ = write!(out, "{}", t.second());
            }
            Field::Second2 => pad(out, t.second() as i64, 2),
            Field::Fraction(n) => {
                let ms = format!("{:03}", t.timestamp_subsec_millis());
                let n = n as usize;
                if n <= 3 {
                    out.push_str(&ms[..n]);
                } else {
                    out.push_str(&ms);
                    out.extend(std::iter::repeat_n('0', n - 3));
                }
            }
            Field::AmPmLower => out.push_str(if t.hour() < 12 { "am" } else { "pm" }),
            Field::AmPmUpper => out.push_str(if t.hour() < 12 { "AM" } else { "PM" }),
            Field::OffsetColon => out.push_str("+00:00"),
            Field::OffsetPlain => out.push_str("+0000"),
            Field::ZoneName => {
                if utc {
                    out.push_str("UTC");
                }
            }
            Field::UnixSeconds => {
                let _ = write!(out, "{}", t.timestamp());
            }
            Field::UnixMillis => {
                let _ = write!(out, "{}", t.timestamp_millis());
            }
            Field::Era => out.push_str(if year > 0 { "AD" } else { "BC" }),
            Field::EraLong => out.push_str(if year > 0 {
                "Anno Domini"
            } else {
                "Before Christ"
            }),
        }
    }
}

/// JavaScript's `Date.prototype.toString()` in a UTC browser:
/// `Thu Jan 01 2026 10:00:00 GMT+0000 (Coordinated Universal Time)`, which is how a date
/// helper's result lands in a KDG record.
pub fn js_date_string(t: &DateTime<Utc>, out: &mut String) {
    let _ = write!(
        out,
        "{} {} {:02} {:04} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        weekday_name(t.weekday().num_days_from_sunday() as usize, true),
        month_name(t.month0() as usize, true),
        t.day(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(format: &str, rfc3339: &str) -> String {
        let t = DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .with_timezone(&Utc);
        let mut out = String::new();
        format_into(&parse(format), &t, false, &mut out);
        out
    }

    #[test]
    fn the_formats_in_kdg_help() {
        let t = "2014-09-08T08:02:17.123Z";
        assert_eq!(fmt(DEFAULT_LOCAL, t), "2014-09-08T08:02:17+00:00");
        assert_eq!(fmt(DEFAULT_UTC, t), "2014-09-08T08:02:17Z");
        assert_eq!(
            fmt("dddd, MMMM Do YYYY, h:mm:ss a", t),
            "Monday, September 8th 2014, 8:02:17 am"
        );
        assert_eq!(fmt("ddd, hA", t), "Mon, 8AM");
        assert_eq!(
            fmt("DD/MMM/YYYY:HH:mm:ss Z", t),
            "08/Sep/2014:08:02:17 +00:00"
        );
        assert_eq!(fmt("YYYY-MM-DD", t), "2014-09-08");
    }

    #[test]
    fn less_common_tokens() {
        let t = "2026-01-01T00:05:09.045Z";
        assert_eq!(fmt("[Today is] dddd", t), "Today is Thursday");
        assert_eq!(fmt("X x", t), "1767225909 1767225909045");
        assert_eq!(fmt("SSS SS S SSSSSS", t), "045 04 0 045000");
        assert_eq!(fmt("k kk h hh H", t), "24 24 12 12 0");
        assert_eq!(fmt("Q Qo DDD DDDD Do E e", t), "1 1st 1 001 1st 4 4");
        assert_eq!(fmt("w W gggg GGGG", t), "1 1 2026 2026");
        assert_eq!(fmt("W GGGG", "2027-01-01T00:00:00Z"), "53 2026");
        assert_eq!(fmt("w gggg", "2027-01-01T00:00:00Z"), "1 2027");
        assert_eq!(fmt(r"\Y YY ZZ", t), "Y 26 +0000");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(103), "103rd");
    }

    #[test]
    fn javascript_date_strings() {
        let t = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut out = String::new();
        js_date_string(&t, &mut out);
        assert_eq!(
            out,
            "Thu Jan 01 2026 10:00:00 GMT+0000 (Coordinated Universal Time)"
        );
    }
}
