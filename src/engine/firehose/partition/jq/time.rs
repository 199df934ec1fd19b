//! jq 1.6's date filters, on chrono's calendar rather than the machine's: `gmtime`, `mktime`,
//! `strftime`, `strptime`, `todateiso8601`, `fromdateiso8601`, and as definitions `todate`,
//! `fromdate`, `date`, `dateadd`, `datesub`, `localtime` and `strflocaltime` (the sandbox's
//! zone is UTC). A number is seconds since 1970 (fractions allowed); a "broken-down time" is
//! `[year, month 0–11, day, hours, minutes, seconds, weekday 0–6 from Sunday, day of year 0–365]`.

use chrono::format::{Parsed, StrftimeItems};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use jaq_core::load::parse::Def;
use jaq_core::native::{bome, run, unary, v, Filter, Fun};
use jaq_core::{DataT, Error, RunPtr, ValR};
use jaq_json::Val;
use jaq_std::ValT as _;
use std::fmt::Write as _;

const ISO8601: &str = "%Y-%m-%dT%H:%M:%SZ";

/// The native filters.
pub fn funs<D: for<'a> DataT<V<'a> = Val>>() -> impl Iterator<Item = Fun<D>> {
    table().into_vec().into_iter().map(run)
}

fn table<D: for<'a> DataT<V<'a> = Val>>() -> Box<[Filter<RunPtr<D>>]> {
    Box::new([
        ("gmtime", v(0), |cv| bome(gmtime(&cv.1))),
        ("mktime", v(0), |cv| bome(mktime(&cv.1))),
        ("strftime", v(1), |cv| {
            unary(cv, |v, fmt| strftime(&v, &fmt))
        }),
        ("strptime", v(1), |cv| {
            unary(cv, |v, fmt| strptime(&v, &fmt))
        }),
        ("todateiso8601", v(0), |cv| {
            bome(strftime(&cv.1, &Val::from(ISO8601.to_string())))
        }),
        // `debug` and `stderr` print nowhere: they pass their input on.
        ("debug_empty", v(0), |_| Box::new(std::iter::empty())),
        ("stderr_empty", v(0), |_| Box::new(std::iter::empty())),
        ("fromdateiso8601", v(0), |cv| {
            bome(strptime(&cv.1, &Val::from(ISO8601.to_string())).and_then(|t| mktime(&t)))
        }),
    ])
}

/// The filters jq 1.6 defines in jq.
pub fn defs() -> impl Iterator<Item = Def<&'static str>> {
    const DEFS: &str = "
        def date: todate;
        def dateadd(u; n): . + n;
        def datesub(u; n): . - n;
        def localtime: gmtime;
        def strflocaltime(f): strftime(f);
    ";
    jaq_core::load::parse(DEFS, |p| p.defs())
        .expect("the date definitions parse")
        .into_iter()
}

fn fail(message: &str) -> Error<Val> {
    Error::str(message)
}

/// Seconds since 1970 as a UTC date and time.
fn from_epoch(v: &Val) -> Option<DateTime<Utc>> {
    let seconds = v.as_f64()?;
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round().min(999_999_999.0) as u32;
    DateTime::from_timestamp(whole as i64, nanos)
}

fn number(n: f64) -> Val {
    if n.fract() == 0.0 && n.abs() < isize::MAX as f64 {
        Val::from(n as isize)
    } else {
        Val::from(n)
    }
}

fn broken_down(t: &NaiveDateTime) -> Val {
    let seconds = t.second() as f64 + t.nanosecond() as f64 / 1e9;
    [
        Val::from(t.year() as isize),
        Val::from(t.month0() as isize),
        Val::from(t.day() as isize),
        Val::from(t.hour() as isize),
        Val::from(t.minute() as isize),
        number(seconds),
        Val::from(t.weekday().num_days_from_sunday() as isize),
        Val::from(t.ordinal0() as isize),
    ]
    .into_iter()
    .collect()
}

/// A broken-down time's first six fields as a date and time (`None` when they are not).
fn from_broken_down(v: &Val) -> Option<NaiveDateTime> {
    let Val::Arr(items) = v else { return None };
    let fields: Vec<f64> = items
        .iter()
        .take(6)
        .map(|x| x.as_f64())
        .collect::<Option<_>>()?;
    let [year, month0, day, hour, minute, second] = fields[..] else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(year as i32, 1, 1)?
        .checked_add_months(chrono::Months::new(month0 as u32))?
        .checked_add_days(chrono::Days::new((day as i64 - 1).max(0) as u64))?;
    let whole = second.floor();
    let time = NaiveTime::from_hms_nano_opt(
        hour as u32,
        minute as u32,
        whole as u32,
        ((second - whole) * 1e9) as u32,
    )?;
    Some(date.and_time(time))
}

fn gmtime(v: &Val) -> ValR<Val> {
    if !matches!(v, Val::Num(_)) {
        return Err(fail("gmtime() requires a number"));
    }
    let t = from_epoch(v)
        .ok_or_else(|| fail("error converting number of seconds since epoch to datetime"))?;
    Ok(broken_down(&t.naive_utc()))
}

fn mktime(v: &Val) -> ValR<Val> {
    let Val::Arr(items) = v else {
        return Err(fail("mktime requires array of 6 numbers"));
    };
    if items.len() < 6 {
        return Err(fail("mktime requires array of 6 numbers"));
    }
    let t = from_broken_down(v).ok_or_else(|| fail("mktime requires parsed datetime inputs"))?;
    Ok(Val::from(t.and_utc().timestamp() as isize))
}

fn strftime(v: &Val, fmt: &Val) -> ValR<Val> {
    let t = match v {
        Val::Num(_) => from_epoch(v).map(|t| t.naive_utc()),
        Val::Arr(_) => from_broken_down(v),
        _ => None,
    }
    .ok_or_else(|| fail("strftime/1 requires parsed datetime inputs"))?;
    let fmt = text(fmt).ok_or_else(|| fail("strftime/1 requires a string format"))?;
    let mut out = String::new();
    write!(
        out,
        "{}",
        t.and_utc().format_with_items(StrftimeItems::new(&fmt))
    )
    .map_err(|_| {
        fail(&format!(
            "strftime/1: the format \"{fmt}\" is not supported"
        ))
    })?;
    Ok(Val::from(out))
}

fn strptime(v: &Val, fmt: &Val) -> ValR<Val> {
    let (Some(s), Some(fmt)) = (text(v), text(fmt)) else {
        return Err(fail("strptime/1 requires string inputs and arguments"));
    };
    let mismatch = || fail(&format!("date \"{s}\" does not match format \"{fmt}\""));
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, &s, StrftimeItems::new(&fmt)).map_err(|_| mismatch())?;
    let date = parsed.to_naive_date().map_err(|_| mismatch())?;
    let time = parsed.to_naive_time().unwrap_or(NaiveTime::MIN);
    Ok(broken_down(&date.and_time(time)))
}

fn text(v: &Val) -> Option<String> {
    match v {
        Val::TStr(s) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}
