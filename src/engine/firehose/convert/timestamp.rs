//! Timestamps and dates as the two JSON SerDes read them, to microseconds since the epoch
//! (no zone: Hive's `timestamp`; a `Z` or offset is applied to give UTC).
//!
//! - OpenX: `yyyy-MM-dd'T'HH:mm:ss[.S…]'Z'` (up to 9 fraction digits), `yyyy-[M]M-[d]d
//!   HH:mm:ss[.S…]`, epoch seconds, epoch milliseconds, and fractional epoch seconds.
//! - Hive: each of `TimestampFormats` in turn (Joda-Time patterns, or `millis` for epoch
//!   milliseconds), then `java.sql.Timestamp.valueOf`'s `yyyy-[m]m-[d]d hh:mm:ss[.f…]`.

use chrono::NaiveDate;

const MICROS_PER_SECOND: i64 = 1_000_000;
/// Whole numbers from here on are epoch milliseconds, below it epoch seconds (1e11 seconds is
/// the year 5138; 1e11 milliseconds is 1973).
const MILLIS_FROM: i64 = 100_000_000_000;

fn micros(date: NaiveDate, h: u32, m: u32, s: u32, nanos: u32) -> Option<i64> {
    let t = date.and_hms_nano_opt(h, m, s, nanos)?.and_utc();
    Some(t.timestamp() * MICROS_PER_SECOND + i64::from(t.timestamp_subsec_micros()))
}

/// Days since the epoch of `yyyy-[M]M-[d]d`.
pub fn parse_date(text: &str) -> Option<i32> {
    let mut parts = text.trim().splitn(3, '-');
    let y = digits(parts.next()?, 4, 4)?;
    let m = digits(parts.next()?, 1, 2)?;
    let d = digits(parts.next()?, 1, 2)?;
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Up to nine fraction digits as nanoseconds (`39256` → 392,560,000).
fn fraction(text: &str) -> Option<u32> {
    let n = digits(text, 1, 9)?;
    Some(n * 10u32.pow(9 - text.len() as u32))
}

/// `yyyy-[M]M-[d]d{sep}HH:mm:ss[.f…]`, the rest of the text after it.
fn date_time(text: &str, sep: char) -> Option<(i64, &str)> {
    let (date, rest) = text.split_once(sep)?;
    let days = parse_date(date)?;
    let date = NaiveDate::from_ymd_opt(1970, 1, 1)? + chrono::Duration::days(days.into());
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, tail) = rest.split_at(time_end);
    let (hms, frac) = match time.split_once('.') {
        Some((hms, f)) => (hms, fraction(f)?),
        None => (time, 0),
    };
    let mut p = hms.split(':');
    let h = digits(p.next()?, 1, 2)?;
    let m = digits(p.next()?, 1, 2)?;
    let s = digits(p.next()?, 1, 2)?;
    if p.next().is_some() {
        return None;
    }
    Some((micros(date, h, m, s, frac)?, tail))
}

/// A zone suffix: `Z`, `+hh:mm`, `+hhmm` or `+hh`, as microseconds to subtract.
fn zone(text: &str) -> Option<i64> {
    if text == "Z" {
        return Some(0);
    }
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body: String = text[1..].chars().filter(|&c| c != ':').collect();
    let (h, m) = match body.len() {
        2 => (digits(&body, 2, 2)?, 0),
        4 => (digits(&body[..2], 2, 2)?, digits(&body[2..], 2, 2)?),
        _ => return None,
    };
    Some(sign * (i64::from(h) * 3600 + i64::from(m) * 60) * MICROS_PER_SECOND)
}

/// An OpenX timestamp string.
pub fn openx_text(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some((t, tail)) = date_time(text, 'T') {
        return Some(t - zone(tail)?);
    }
    if let Some((t, "")) = date_time(text, ' ') {
        return Some(t);
    }
    // A number in a string is read as the number would be.
    if let Ok(n) = text.parse::<i64>() {
        return Some(epoch_whole(n));
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(epoch_seconds)
}

/// A whole JSON number: epoch seconds, or milliseconds once it is too large for seconds.
pub fn epoch_whole(n: i64) -> i64 {
    if n.abs() >= MILLIS_FROM {
        n.saturating_mul(1000)
    } else {
        n.saturating_mul(MICROS_PER_SECOND)
    }
}

/// Fractional epoch seconds.
pub fn epoch_seconds(seconds: f64) -> i64 {
    (seconds * 1e6).round() as i64
}

/// `java.sql.Timestamp.valueOf`: `yyyy-[m]m-[d]d hh:mm:ss[.f…]`, nothing else.
pub fn hive_default(text: &str) -> Option<i64> {
    match date_time(text, ' ')? {
        (t, "") => Some(t),
        _ => None,
    }
}

/// A Hive timestamp string: the table's formats in turn, then the default form.
pub fn hive_text(text: &str, formats: &[String]) -> Option<i64> {
    formats
        .iter()
        .find_map(|f| {
            if f == "millis" {
                text.trim()
                    .parse::<i64>()
                    .ok()
                    .map(|ms| ms.saturating_mul(1000))
            } else {
                joda(f, text)
            }
        })
        .or_else(|| hive_default(text))
}

/// Whether the Hive SerDe takes a JSON number for a timestamp: only with `millis`.
pub fn hive_number(n: i64, formats: &[String]) -> Option<i64> {
    formats
        .iter()
        .any(|f| f == "millis")
        .then(|| n.saturating_mul(1000))
}

/// Parses `text` with a Joda-Time pattern: `y`, `M`, `d`, `H`, `h`, `m`, `s`, `S` (fraction),
/// `a` (AM/PM), `Z`/`ZZ` (offset), `'quoted'` literals; other characters stand for themselves.
pub fn joda(pattern: &str, text: &str) -> Option<i64> {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.trim().chars().collect();
    let (mut i, mut j) = (0, 0);
    let (mut y, mut mo, mut d, mut h, mut mi, mut s, mut nanos) = (1970i64, 1, 1, 0, 0, 0, 0u32);
    let mut pm = None;
    let mut offset = 0i64;
    while i < p.len() {
        let c = p[i];
        let run = p[i..].iter().take_while(|&&x| x == c).count();
        if c == '\'' {
            let end = p[i + 1..].iter().position(|&x| x == '\'')? + i + 1;
            for &lit in &p[i + 1..end] {
                if t.get(j) != Some(&lit) {
                    return None;
                }
                j += 1;
            }
            i = end + 1;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let take_digits = |j: &mut usize, max: usize| -> Option<(u32, usize)> {
                let start = *j;
                while *j < t.len() && *j - start < max && t[*j].is_ascii_digit() {
                    *j += 1;
                }
                let field: String = t[start..*j].iter().collect();
                Some((field.parse().ok()?, *j - start))
            };
            match c {
                'y' | 'Y' => y = i64::from(take_digits(&mut j, if run == 2 { 2 } else { 9 })?.0),
                'M' => mo = take_digits(&mut j, 2)?.0,
                'd' => d = take_digits(&mut j, 2)?.0,
                'H' | 'h' => h = take_digits(&mut j, 2)?.0,
                'm' => mi = take_digits(&mut j, 2)?.0,
                's' => s = take_digits(&mut j, 2)?.0,
                'S' => {
                    let (value, len) = take_digits(&mut j, run.max(9))?;
                    nanos = value * 10u32.pow(9u32.saturating_sub(len as u32));
                }
                'a' => {
                    let word: String = t.get(j..j + 2)?.iter().collect();
                    pm = Some(word.eq_ignore_ascii_case("PM"));
                    j += 2;
                }
                'Z' | 'X' => {
                    if t.get(j) == Some(&'Z') {
                        j += 1;
                    } else {
                        let len = if run >= 2 { 6 } else { 5 };
                        let part: String = t.get(j..(j + len).min(t.len()))?.iter().collect();
                        offset = zone(&part)?;
                        j += part.len();
                    }
                }
                _ => return None,
            }
            if c == 'y' && run == 2 {
                y += 2000;
            }
            i += run;
            continue;
        }
        if t.get(j) != Some(&c) {
            return None;
        }
        i += 1;
        j += 1;
    }
    if j != t.len() {
        return None;
    }
    if let Some(pm) = pm {
        h = h % 12 + if pm { 12 } else { 0 };
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, mo, d)?;
    Some(micros(date, h, mi, s, nanos)? - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_486_480_381_000_000; // 2017-02-07T15:13:01Z

    #[test]
    fn openx_reads_every_documented_form() {
        assert_eq!(openx_text("2017-02-07T15:13:01.39256Z"), Some(T + 392_560));
        assert_eq!(
            openx_text("2017-02-07T15:13:01.123456789Z"),
            Some(T + 123_456)
        );
        assert_eq!(openx_text("2017-2-7 15:13:01"), Some(T));
        assert_eq!(openx_text("2017-02-07 15:13:01.5"), Some(T + 500_000));
        assert_eq!(openx_text("2017-02-07T16:13:01+01:00"), Some(T));
        assert_eq!(epoch_whole(1_518_033_528), 1_518_033_528_000_000);
        assert_eq!(epoch_whole(1_518_033_528_123), 1_518_033_528_123_000);
        assert_eq!(epoch_seconds(1_518_033_528.123), 1_518_033_528_123_000);
        assert_eq!(openx_text("1518033528"), Some(1_518_033_528_000_000));
        assert_eq!(openx_text("yesterday"), None);
        assert_eq!(openx_text("2017-02-07T15:13:01.1234567890Z"), None);
    }

    #[test]
    fn hive_reads_its_default_form_and_the_formats_given() {
        assert_eq!(hive_default("2017-02-07 15:13:01.39256"), Some(T + 392_560));
        assert_eq!(hive_default("2017-02-07T15:13:01Z"), None);
        let formats = vec!["dd/MM/yyyy HH:mm".to_string(), "millis".to_string()];
        assert_eq!(hive_text("07/02/2017 15:13", &formats), Some(T - 1_000_000));
        assert_eq!(hive_text("1486480381000", &formats), Some(T));
        assert_eq!(hive_number(1_486_480_381_000, &formats), Some(T));
        assert_eq!(hive_number(1_486_480_381_000, &[]), None);
        assert_eq!(
            joda("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-02-07T15:13:01.500+0000"),
            Some(T + 500_000)
        );
        assert_eq!(
            joda("hh:mm a yyyy-MM-dd", "03:13 PM 2017-02-07"),
            Some(T - 1_000_000)
        );
        assert_eq!(joda("yyyy-MM-dd", "2017-02-07x"), None);
    }

    #[test]
    fn dates_are_days_since_the_epoch() {
        assert_eq!(parse_date("1970-01-02"), Some(1));
        assert_eq!(parse_date("2017-2-7"), Some(17_204));
        assert_eq!(parse_date("1969-12-31"), Some(-1));
        assert_eq!(parse_date("2017-02-30"), None);
    }
}
