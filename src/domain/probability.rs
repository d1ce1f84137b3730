//! A probability read from hedge words: a point estimate and the range around it.

use serde::{Deserialize, Serialize};

/// A probability with its interquartile range, each in `0.0..=1.0`, `low <= point <= high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Probability {
    /// The point estimate.
    pub point: f64,
    /// The low end of the range.
    pub low: f64,
    /// The high end of the range.
    pub high: f64,
}

/// A probability out of range or out of order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("a probability needs 0 <= low <= point <= high <= 1, got {low} <= {point} <= {high}")]
pub struct BadProbability {
    /// The point given.
    pub point: f64,
    /// The low end given.
    pub low: f64,
    /// The high end given.
    pub high: f64,
}

impl Probability {
    /// A validated probability.
    pub fn new(point: f64, low: f64, high: f64) -> Result<Self, BadProbability> {
        let ordered = 0.0 <= low && low <= point && point <= high && high <= 1.0;
        if ordered {
            Ok(Probability { point, low, high })
        } else {
            Err(BadProbability { point, low, high })
        }
    }

    /// The probability of the opposite: `1 - p`, with the range mirrored.
    pub fn complement(self) -> Self {
        Probability {
            point: round3(1.0 - self.point),
            low: round3(1.0 - self.high),
            high: round3(1.0 - self.low),
        }
    }

    /// "about 40% (25-50)".
    pub fn describe(&self) -> String {
        format!(
            "about {:.0}% ({:.0}-{:.0})",
            self.point * 100.0,
            self.low * 100.0,
            self.high * 100.0
        )
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complement_mirrors_the_range() {
        let p = Probability::new(0.2, 0.1, 0.25).unwrap().complement();
        assert_eq!(p, Probability::new(0.8, 0.75, 0.9).unwrap());
    }

    #[test]
    fn out_of_order_is_refused() {
        assert!(Probability::new(0.5, 0.6, 0.7).is_err());
        assert!(Probability::new(1.2, 0.0, 1.3).is_err());
    }

    #[test]
    fn describes_itself_like_an_analyst() {
        assert_eq!(
            Probability::new(0.4, 0.25, 0.5).unwrap().describe(),
            "about 40% (25-50)"
        );
    }
}
