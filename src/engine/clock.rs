//! Virtual time. The engine never reads a real clock: the host moves it with `Sandbox::advance`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Sub};
use std::time::Duration;

/// An instant of simulated time, in milliseconds since the Unix epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SimTime(i64);

impl SimTime {
    /// 2026-01-01T10:00:00Z: where a sandbox starts when nobody says otherwise.
    pub const DEFAULT_START: SimTime = SimTime(1_767_261_600_000);

    pub const fn from_millis(epoch_millis: i64) -> Self {
        SimTime(epoch_millis)
    }

    pub fn from_rfc3339(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| SimTime(t.timestamp_millis()))
    }

    pub const fn epoch_millis(self) -> i64 {
        self.0
    }

    /// Epoch seconds with millisecond precision: how AWS's JSON protocol sends timestamps.
    pub fn epoch_seconds(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    pub fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0).unwrap_or_default()
    }

    /// `2026-01-01T10:00:00.000Z`
    pub fn to_rfc3339(self) -> String {
        self.to_datetime()
            .to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// Time from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: SimTime) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0).max(0) as u64)
    }
}

impl Default for SimTime {
    fn default() -> Self {
        Self::DEFAULT_START
    }
}

impl Add<Duration> for SimTime {
    type Output = SimTime;
    fn add(self, d: Duration) -> SimTime {
        SimTime(
            self.0
                .saturating_add(d.as_millis().min(i64::MAX as u128) as i64),
        )
    }
}

impl Sub<Duration> for SimTime {
    type Output = SimTime;
    fn sub(self, d: Duration) -> SimTime {
        SimTime(
            self.0
                .saturating_sub(d.as_millis().min(i64::MAX as u128) as i64),
        )
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_start_is_new_year_2026() {
        assert_eq!(
            SimTime::DEFAULT_START.to_rfc3339(),
            "2026-01-01T10:00:00.000Z"
        );
        assert_eq!(
            SimTime::from_rfc3339("2026-01-01T10:00:00Z"),
            Some(SimTime::DEFAULT_START)
        );
    }

    #[test]
    fn arithmetic() {
        let t = SimTime::from_millis(1_000);
        assert_eq!((t + Duration::from_millis(500)).epoch_millis(), 1_500);
        assert_eq!((t - Duration::from_secs(2)).epoch_millis(), -1_000);
        assert_eq!(
            (t + Duration::from_secs(3)).since(t),
            Duration::from_secs(3)
        );
        assert_eq!(t.since(t + Duration::from_secs(3)), Duration::ZERO);
        assert_eq!(SimTime::from_millis(1_500).epoch_seconds(), 1.5);
    }
}
