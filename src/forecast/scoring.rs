//! Scoring resolved forecasts: the Brier score `(p - o)^2`, the log score with the probability
//! clamped to `[0.01, 0.99]`, their means with a confidence interval, skill against always
//! saying 50%, reliability bins and per-hedge-word calibration. Pure functions over plain
//! numbers; what counts as a scorable forecast is decided by the caller.
//!
//! The confidence interval of a mean is the normal approximation: the mean plus or minus 1.96
//! standard errors (sample standard deviation over the square root of n), clamped to the range
//! the score can take. It needs at least two forecasts. It is deterministic, so the same record
//! always shows the same interval; with few forecasts it is rough, which is why small samples
//! carry a [`SampleLabel`].

/// The lowest probability the log score takes, so one confident miss does not make it infinite.
pub const LOG_CLAMP_LOW: f64 = 0.01;
/// The highest probability the log score takes.
pub const LOG_CLAMP_HIGH: f64 = 0.99;
/// Below this many scored forecasts a record (or a hedge word) is too few to rank.
pub const MIN_RANKABLE: usize = 10;
/// Below this many it is ranked, but labelled a small sample.
pub const MIN_SOLID: usize = 30;
/// The number of reliability bins, each 10 percentage points wide.
pub const BIN_COUNT: usize = 10;
/// The Brier score of always saying 50%, whatever happens.
pub const COIN_FLIP_BRIER: f64 = 0.25;
/// The z value of a 95% interval.
const Z95: f64 = 1.96;

/// One resolved forecast as the scores see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredForecast {
    /// The stated chance that the proposition comes true.
    pub probability: f64,
    /// Whether it came true.
    pub happened: bool,
    /// The hedge words it was stated with ("might"), if any.
    pub hedge: Option<String>,
}

/// How much a number of forecasts can be trusted to mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleLabel {
    /// Fewer than [`MIN_RANKABLE`]: shown, never ranked.
    TooFew,
    /// Fewer than [`MIN_SOLID`]: ranked with a warning.
    Small,
    /// Enough to compare.
    Enough,
}

impl SampleLabel {
    /// The label for `n` forecasts.
    pub fn of(n: usize) -> Self {
        if n < MIN_RANKABLE {
            SampleLabel::TooFew
        } else if n < MIN_SOLID {
            SampleLabel::Small
        } else {
            SampleLabel::Enough
        }
    }

    /// A stable word for the API.
    pub fn as_str(self) -> &'static str {
        match self {
            SampleLabel::TooFew => "too_few",
            SampleLabel::Small => "small",
            SampleLabel::Enough => "enough",
        }
    }

    /// What a reader is told.
    pub fn describe(self) -> &'static str {
        match self {
            SampleLabel::TooFew => "too few to rank",
            SampleLabel::Small => "small sample",
            SampleLabel::Enough => "enough to compare",
        }
    }
}

/// The Brier score of one forecast: `(p - o)^2`, 0 is perfect, 1 is as wrong as can be.
pub fn brier(probability: f64, happened: bool) -> f64 {
    let outcome = if happened { 1.0 } else { 0.0 };
    (probability - outcome).powi(2)
}

/// The log score of one forecast: the natural log of the probability given to what happened,
/// with the probability clamped to `[0.01, 0.99]`. 0 is perfect; lower is worse.
pub fn log_score(probability: f64, happened: bool) -> f64 {
    let p = probability.clamp(LOG_CLAMP_LOW, LOG_CLAMP_HIGH);
    if happened { p.ln() } else { (1.0 - p).ln() }
}

/// A mean with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanWithInterval {
    /// The mean.
    pub mean: f64,
    /// The interval's low end; `None` with fewer than two values.
    pub low: Option<f64>,
    /// The interval's high end; `None` with fewer than two values.
    pub high: Option<f64>,
    /// How many values.
    pub n: usize,
}

/// The mean of `values` with its normal-approximation interval clamped to `[floor, ceiling]`;
/// `None` for no values.
pub fn mean_with_interval(values: &[f64], floor: f64, ceiling: f64) -> Option<MeanWithInterval> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let (low, high) = if n >= 2 {
        let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let half = Z95 * (variance / n as f64).sqrt();
        (
            Some((mean - half).clamp(floor, ceiling)),
            Some((mean + half).clamp(floor, ceiling)),
        )
    } else {
        (None, None)
    };
    Some(MeanWithInterval { mean, low, high, n })
}

/// The mean Brier score of `forecasts`, with its interval.
pub fn mean_brier(forecasts: &[ScoredForecast]) -> Option<MeanWithInterval> {
    let scores: Vec<f64> = forecasts
        .iter()
        .map(|f| brier(f.probability, f.happened))
        .collect();
    mean_with_interval(&scores, 0.0, 1.0)
}

/// The mean log score of `forecasts`; `None` for none.
pub fn mean_log_score(forecasts: &[ScoredForecast]) -> Option<f64> {
    if forecasts.is_empty() {
        return None;
    }
    let total: f64 = forecasts
        .iter()
        .map(|f| log_score(f.probability, f.happened))
        .sum();
    Some(total / forecasts.len() as f64)
}

/// Skill against always saying 50%: `1 - mean Brier / 0.25`. Positive is better than a coin
/// flip, 0 is no better, negative is worse.
pub fn skill_vs_coin_flip(mean_brier: f64) -> f64 {
    1.0 - mean_brier / COIN_FLIP_BRIER
}

/// One bin of a reliability diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct ReliabilityBin {
    /// The lowest probability in the bin.
    pub from: f64,
    /// The highest (exclusive, except for the last bin, which holds 1.0).
    pub to: f64,
    /// How many forecasts fell in it.
    pub count: usize,
    /// How many of them came true.
    pub happened: usize,
    /// Their mean stated probability; `None` for an empty bin.
    pub mean_probability: Option<f64>,
}

impl ReliabilityBin {
    /// The share that came true; `None` for an empty bin.
    pub fn observed(&self) -> Option<f64> {
        (self.count > 0).then(|| self.happened as f64 / self.count as f64)
    }
}

/// The bin a probability falls in: `[0, 0.1)`, `[0.1, 0.2)`, ..., `[0.9, 1.0]`.
pub fn bin_of(probability: f64) -> usize {
    // Rounded first, so 0.3 (stored as 0.299999...) lands in the bin a reader expects.
    let tenths = (probability * 1000.0).round() / 100.0;
    (tenths.floor() as usize).min(BIN_COUNT - 1)
}

/// The reliability diagram of `forecasts`: every bin, empty ones included.
pub fn reliability_bins(forecasts: &[ScoredForecast]) -> Vec<ReliabilityBin> {
    let mut sums = [0.0f64; BIN_COUNT];
    let mut counts = [0usize; BIN_COUNT];
    let mut happened = [0usize; BIN_COUNT];
    for forecast in forecasts {
        let bin = bin_of(forecast.probability);
        sums[bin] += forecast.probability;
        counts[bin] += 1;
        happened[bin] += usize::from(forecast.happened);
    }
    (0..BIN_COUNT)
        .map(|i| ReliabilityBin {
            from: i as f64 / BIN_COUNT as f64,
            to: (i + 1) as f64 / BIN_COUNT as f64,
            count: counts[i],
            happened: happened[i],
            mean_probability: (counts[i] > 0).then(|| sums[i] / counts[i] as f64),
        })
        .collect()
}

/// How often forecasts with one hedge word came true.
#[derive(Debug, Clone, PartialEq)]
pub struct HedgeCalibration {
    /// The hedge words, lower case.
    pub hedge: String,
    /// How many resolved forecasts used it.
    pub count: usize,
    /// How many of them came true.
    pub happened: usize,
    /// Their mean stated probability.
    pub mean_probability: f64,
    /// How far the count can be trusted.
    pub label: SampleLabel,
}

impl HedgeCalibration {
    /// "when this source writes 'might', it happened 2 of 9 times".
    pub fn sentence(&self) -> String {
        format!(
            "when this source writes '{}', it happened {} of {} {}",
            self.hedge,
            self.happened,
            self.count,
            if self.count == 1 { "time" } else { "times" }
        )
    }
}

/// Calibration per hedge word, most used first (then alphabetically). Forecasts without a
/// hedge word are left out.
pub fn hedge_calibration(forecasts: &[ScoredForecast]) -> Vec<HedgeCalibration> {
    let mut by_hedge: std::collections::BTreeMap<String, (usize, usize, f64)> =
        std::collections::BTreeMap::new();
    for forecast in forecasts {
        let Some(hedge) = forecast.hedge.as_deref().map(str::trim) else {
            continue;
        };
        if hedge.is_empty() {
            continue;
        }
        let entry = by_hedge.entry(hedge.to_lowercase()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(forecast.happened);
        entry.2 += forecast.probability;
    }
    let mut rows: Vec<HedgeCalibration> = by_hedge
        .into_iter()
        .map(|(hedge, (count, happened, sum))| HedgeCalibration {
            hedge,
            count,
            happened,
            mean_probability: sum / count as f64,
            label: SampleLabel::of(count),
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.hedge.cmp(&b.hedge)));
    rows
}

/// Every score of a set of resolved forecasts.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummary {
    /// How many forecasts were scored.
    pub scored: usize,
    /// Mean Brier score with its interval.
    pub mean_brier: Option<MeanWithInterval>,
    /// Mean log score.
    pub mean_log_score: Option<f64>,
    /// Skill against always saying 50%.
    pub skill_vs_coin_flip: Option<f64>,
    /// The reliability diagram.
    pub bins: Vec<ReliabilityBin>,
    /// Calibration per hedge word.
    pub hedges: Vec<HedgeCalibration>,
    /// How far the whole record can be trusted.
    pub label: SampleLabel,
}

/// Scores `forecasts` every way this module knows.
pub fn summarize(forecasts: &[ScoredForecast]) -> ScoreSummary {
    let mean_brier = mean_brier(forecasts);
    ScoreSummary {
        scored: forecasts.len(),
        skill_vs_coin_flip: mean_brier.map(|m| skill_vs_coin_flip(m.mean)),
        mean_brier,
        mean_log_score: mean_log_score(forecasts),
        bins: reliability_bins(forecasts),
        hedges: hedge_calibration(forecasts),
        label: SampleLabel::of(forecasts.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn forecast(p: f64, happened: bool, hedge: &str) -> ScoredForecast {
        ScoredForecast {
            probability: p,
            happened,
            hedge: Some(hedge.to_string()),
        }
    }

    #[test]
    fn brier_is_the_squared_distance_from_what_happened() {
        assert!(close(brier(0.4, false), 0.16));
        assert!(close(brier(0.4, true), 0.36));
        assert!(close(brier(0.2, true), 0.64));
        assert!(close(brier(1.0, true), 0.0));
        assert!(close(brier(0.0, true), 1.0));
    }

    #[test]
    fn log_score_is_clamped() {
        assert!(close(log_score(0.75, true), 0.75f64.ln()));
        assert!(close(log_score(0.75, false), 0.25f64.ln()));
        // 0 and 1 would give minus infinity; the clamp makes them ln(0.01).
        assert!(close(log_score(0.0, true), 0.01f64.ln()));
        assert!(close(log_score(1.0, false), 0.01f64.ln()));
        assert!(close(log_score(1.0, true), 0.99f64.ln()));
        assert!(log_score(0.0, true).is_finite());
    }

    #[test]
    fn the_demo_record_by_hand() {
        // The demo desk: troops (0.4, no), clashes (0.4, no), one-week stay (0.2, no).
        let record = [
            forecast(0.4, false, "might"),
            forecast(0.4, false, "would not be surprising"),
            forecast(0.2, false, "unlikely"),
        ];
        let mean = mean_brier(&record).unwrap();
        // (0.16 + 0.16 + 0.04) / 3 = 0.12
        assert!(close(mean.mean, 0.12));
        // Sample sd: deviations 0.04, 0.04, -0.08; squares sum 0.0096; / 2 = 0.0048;
        // sd = 0.069282; se = sd / sqrt(3) = 0.04; half width = 1.96 * 0.04 = 0.0784.
        assert!(close(mean.low.unwrap(), 0.12 - 0.0784));
        assert!(close(mean.high.unwrap(), 0.12 + 0.0784));
        // Log: (ln 0.6 + ln 0.6 + ln 0.8) / 3
        let log = mean_log_score(&record).unwrap();
        assert!(close(log, (0.6f64.ln() * 2.0 + 0.8f64.ln()) / 3.0));
        // Skill: 1 - 0.12 / 0.25 = 0.52
        assert!(close(skill_vs_coin_flip(mean.mean), 0.52));
        assert_eq!(SampleLabel::of(record.len()), SampleLabel::TooFew);
    }

    #[test]
    fn one_forecast_has_no_interval_and_none_has_no_mean() {
        let one = mean_brier(&[forecast(0.9, true, "likely")]).unwrap();
        assert!(close(one.mean, 0.01));
        assert_eq!((one.low, one.high), (None, None));
        assert_eq!(mean_brier(&[]), None);
        assert_eq!(mean_log_score(&[]), None);
    }

    #[test]
    fn intervals_stay_inside_the_scores_range() {
        let scores = [0.0, 0.0, 0.0, 1.0];
        let m = mean_with_interval(&scores, 0.0, 1.0).unwrap();
        assert!(close(m.mean, 0.25));
        assert_eq!(m.low, Some(0.0));
        assert!(m.high.unwrap() <= 1.0);
    }

    #[test]
    fn always_fifty_percent_has_no_skill() {
        let record = [
            forecast(0.5, true, "toss-up"),
            forecast(0.5, false, "toss-up"),
        ];
        let mean = mean_brier(&record).unwrap();
        assert!(close(mean.mean, 0.25));
        assert!(close(skill_vs_coin_flip(mean.mean), 0.0));
        assert!(skill_vs_coin_flip(brier(0.9, false)) < 0.0);
    }

    #[test]
    fn bins_hold_counts_and_observed_shares() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(0.3), 3);
        assert_eq!(bin_of(0.1 + 0.2), 3);
        assert_eq!(bin_of(0.97), 9);
        assert_eq!(bin_of(1.0), 9);
        let record = [
            forecast(0.4, false, "might"),
            forecast(0.4, true, "might"),
            forecast(0.45, false, "could"),
            forecast(0.9, true, "very likely"),
        ];
        let bins = reliability_bins(&record);
        assert_eq!(bins.len(), BIN_COUNT);
        assert_eq!(bins[4].count, 3);
        assert_eq!(bins[4].happened, 1);
        assert!(close(bins[4].observed().unwrap(), 1.0 / 3.0));
        assert!(close(bins[4].mean_probability.unwrap(), 1.25 / 3.0));
        assert_eq!(bins[9].count, 1);
        assert_eq!(bins[0].count, 0);
        assert_eq!(bins[0].observed(), None);
        let total: usize = bins.iter().map(|b| b.count).sum();
        assert_eq!(total, record.len());
    }

    #[test]
    fn hedge_words_are_counted_and_labelled() {
        let mut record: Vec<ScoredForecast> = (0..9)
            .map(|i| forecast(0.4, i < 2, if i % 2 == 0 { "might" } else { "Might" }))
            .collect();
        record.push(forecast(0.75, true, "likely"));
        record.push(ScoredForecast {
            probability: 0.6,
            happened: true,
            hedge: None,
        });
        let hedges = hedge_calibration(&record);
        assert_eq!(hedges.len(), 2);
        assert_eq!(hedges[0].hedge, "might");
        assert_eq!((hedges[0].count, hedges[0].happened), (9, 2));
        assert_eq!(hedges[0].label, SampleLabel::TooFew);
        assert_eq!(
            hedges[0].sentence(),
            "when this source writes 'might', it happened 2 of 9 times"
        );
        assert_eq!(
            hedges[1].sentence(),
            "when this source writes 'likely', it happened 1 of 1 time"
        );
    }

    #[test]
    fn sample_labels_follow_the_thresholds() {
        assert_eq!(SampleLabel::of(0), SampleLabel::TooFew);
        assert_eq!(SampleLabel::of(9), SampleLabel::TooFew);
        assert_eq!(SampleLabel::of(10), SampleLabel::Small);
        assert_eq!(SampleLabel::of(29), SampleLabel::Small);
        assert_eq!(SampleLabel::of(30), SampleLabel::Enough);
        assert_eq!(SampleLabel::TooFew.describe(), "too few to rank");
    }

    #[test]
    fn summary_puts_it_together() {
        let summary = summarize(&[forecast(0.4, false, "might")]);
        assert_eq!(summary.scored, 1);
        assert!(close(summary.mean_brier.unwrap().mean, 0.16));
        assert!(close(
            summary.skill_vs_coin_flip.unwrap(),
            1.0 - 0.16 / 0.25
        ));
        assert_eq!(summary.hedges.len(), 1);
        let empty = summarize(&[]);
        assert_eq!(empty.mean_brier, None);
        assert_eq!(empty.skill_vs_coin_flip, None);
        assert_eq!(empty.bins.len(), BIN_COUNT);
    }
}
