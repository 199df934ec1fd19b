//! Numbers as jq 1.6 prints them (its `jvp_dtoa_fmt`): the shortest digits that read back as
//! the same double, plain unless the point is more than 15 places past the last digit or 4
//! before the first, then `d.ddde±XX` with at least two exponent digits. jaq keeps a number's
//! literal text (`1.50`, `1e3`), so keys are printed here rather than by jaq.

/// `None` for NaN, which jq prints as `null`; infinities print as the largest double.
pub fn jq_1_6(d: f64) -> Option<String> {
    if d.is_nan() {
        return None;
    }
    let d = d.clamp(f64::MIN, f64::MAX);
    // Rust's `{:e}` is the shortest round-trip form: `-1.2345e17`, `0e0`.
    let text = format!("{d:e}");
    let (mantissa, exponent) = text.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}`'s exponent is a number");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len() as i32;
    // Where the decimal point falls, counted from the start of `digits`.
    let point = exponent + 1;
    let body = if point <= -4 || point > n + 15 {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let e = point - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        format!("{first}{dot}{rest}e{e_sign}{:02}", e.abs())
    } else if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= n {
        format!("{digits}{}", "0".repeat((point - n) as usize))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{whole}.{fraction}")
    };
    Some(format!("{sign}{body}"))
}

#[cfg(test)]
mod tests {
    use super::jq_1_6;

    #[test]
    fn as_jq_1_6_prints() {
        let shown = |d: f64| jq_1_6(d).unwrap();
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(1565382027.0), "1565382027");
        assert_eq!(shown(0.1), "0.1");
        assert_eq!(shown(1.5e-7), "1.5e-07");
        assert_eq!(shown(1e15), "1000000000000000");
        assert_eq!(shown(1e17), "1e+17");
        assert_eq!(shown(1e300), "1e+300");
        assert_eq!(shown(-2.5e-3), "-0.0025");
        assert_eq!(shown(f64::INFINITY), "1.7976931348623157e+308");
        assert_eq!(jq_1_6(f64::NAN), None);
    }
}
