//! Exact arithmetic for points and rates: the only module that knows how numbers are held.
//!
//! Points are integer hundredths ([`Points`]), so nine scores of 9.1 and one of 8.1 total
//! exactly 90.00. Rates are exact fractions ([`Rate`]), so 57 satisfied of 100 surveyed meets a
//! 57 % threshold. Nothing here ever goes through binary floating point except the final
//! conversion for JSON output ([`Points::to_f64`], [`Rate::to_f64_4`]), which is display only.

use std::cmp::Ordering;
use std::fmt;

mod ratio;
pub use ratio::{
    Ratio, at_least_product, sum_of_rates, weighted_base, weighted_points, weighted_sum,
};

/// A number of points, held as integer hundredths of a point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

/// Why a decimal literal could not become [`Points`] or a [`Rate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a plain decimal number at all ("abc", "nan", "inf").
    NotANumber,
    /// More decimals than allowed: the value is never rounded silently.
    TooPrecise { max_decimals: u32 },
    /// Too large to be a plausible score.
    TooLarge,
}

impl fmt::Display for NumberError {
    /// The English message of the catalogue, as JSON and English output say it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en())
    }
}

impl NumberError {
    /// The problem in English and in the interface language.
    pub fn text(&self) -> crate::i18n::Text {
        match self {
            NumberError::NotANumber => both!("not-a-number"),
            NumberError::TooPrecise { max_decimals } => {
                both!("too-many-decimals", n = max_decimals)
            }
            NumberError::TooLarge => both!("too-large"),
        }
    }
}

/// A decimal literal split into an exact integer mantissa and a power-of-ten scale:
/// `value = mantissa / 10^scale`. Parsed from the literal's own text, never from an `f64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

/// The digits of one part of a literal, `_` separators left out.
struct Digits<'a>(&'a str);

impl Digits<'_> {
    fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.bytes().filter(|&b| b != b'_')
    }

    fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    fn all_ascii_digits(&self) -> bool {
        self.iter().all(|b| b.is_ascii_digit())
    }

    /// How many digits there are up to the last that is not a 0.
    fn len_without_trailing_zeros(&self) -> usize {
        let (mut n, mut kept) = (0, 0);
        for b in self.iter() {
            n += 1;
            if b != b'0' {
                kept = n;
            }
        }
        kept
    }
}

impl Decimal {
    /// Parses a TOML-style decimal literal: optional sign, digits with `_` separators, an
    /// optional fraction and an optional exponent (`1e-2`). Trailing zeros of the fraction do
    /// not count as precision ("2.50" is 2.5).
    pub fn parse(text: &str) -> Result<Decimal, NumberError> {
        let text = text.trim();
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (number, exponent) = match rest.find(['e', 'E']) {
            Some(i) => {
                let exp: i32 = rest[i + 1..]
                    .replace('_', "")
                    .parse()
                    .map_err(|_| NumberError::NotANumber)?;
                (&rest[..i], exp)
            }
            None => (rest, 0),
        };
        let (int_part, frac_part) = match number.find('.') {
            Some(i) => (&number[..i], &number[i + 1..]),
            None => (number, ""),
        };
        // Without allocating: every value of every record goes through here (a hundred
        // thousand records hold millions of numbers).
        let (int_digits, frac_digits) = (Digits(int_part), Digits(frac_part));
        if int_digits.is_empty() && !frac_part.bytes().any(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        if !int_digits.all_ascii_digits() || !frac_digits.all_ascii_digits() {
            return Err(NumberError::NotANumber);
        }
        // The fraction's trailing zeros do not count ("2.50" is 2.5).
        let frac_len = frac_digits.len_without_trailing_zeros();
        let mut mantissa: i128 = 0;
        let mut significant = 0;
        for b in int_digits.iter().chain(frac_digits.iter().take(frac_len)) {
            if mantissa == 0 && b == b'0' {
                continue;
            }
            significant += 1;
            if significant > 30 {
                return Err(NumberError::TooLarge);
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        if mantissa == 0 {
            return Ok(Decimal {
                mantissa: 0,
                scale: 0,
            });
        }
        let mut scale = frac_len as i64 - exponent as i64;
        if scale < 0 {
            if scale < -20 {
                return Err(NumberError::TooLarge);
            }
            mantissa = mantissa
                .checked_mul(10i128.pow((-scale) as u32))
                .ok_or(NumberError::TooLarge)?;
            scale = 0;
        }
        if scale > 30 {
            // Only zeros could be this precise and still be exact; anything else is too precise.
            if mantissa == 0 {
                scale = 0;
            } else {
                return Err(NumberError::TooPrecise { max_decimals: 30 });
            }
        }
        // Normalise trailing zeros that the exponent may have left ("1.50e1" → 15).
        let mut scale = scale as u32;
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if negative {
            mantissa = -mantissa;
        }
        Ok(Decimal { mantissa, scale })
    }

    /// The value scaled to `decimals` places, if it has no more than that.
    fn to_scaled(self, decimals: u32) -> Result<i128, NumberError> {
        if self.scale > decimals {
            return Err(NumberError::TooPrecise {
                max_decimals: decimals,
            });
        }
        self.mantissa
            .checked_mul(10i128.pow(decimals - self.scale))
            .ok_or(NumberError::TooLarge)
    }
}

/// Largest magnitude accepted for a point value: far above any real checklist, small enough
/// that products of two point values never overflow `i128`.
const MAX_HUNDREDTHS: i128 = 1_000_000_000_000;

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub const fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Points from a decimal literal with at most two decimals ("2.5", "0.25", "1e1").
    pub fn parse(text: &str) -> Result<Points, NumberError> {
        let d = Decimal::parse(text).map_err(|e| match e {
            NumberError::TooPrecise { .. } => NumberError::TooPrecise { max_decimals: 2 },
            other => other,
        })?;
        let h = d.to_scaled(2)?;
        if h.abs() > MAX_HUNDREDTHS {
            return Err(NumberError::TooLarge);
        }
        Ok(Points(h as i64))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self × times`, for deductions.
    pub fn times(self, n: i64) -> Points {
        Points(self.0.saturating_mul(n))
    }

    /// Whether `self` is a whole multiple of `step` (a zero step accepts everything).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }

    /// `self × total / applicable`, rounded half away from zero to hundredths: the N/A
    /// normalisation of SPEC §4.4 and the only rounding in scoring.
    pub fn scale_to(self, total: Points, applicable: Points) -> Points {
        if applicable.0 == 0 {
            return Points::ZERO;
        }
        let num = self.0 as i128 * total.0 as i128;
        let den = applicable.0 as i128;
        Points(div_round_half_away(num, den) as i64)
    }

    /// `sum / n` rounded half away from zero to hundredths: an average for display
    /// (zero when `n` is 0).
    pub fn mean(sum: Points, n: u64) -> Points {
        if n == 0 {
            return Points::ZERO;
        }
        Points(div_round_half_away(sum.0 as i128, n as i128) as i64)
    }

    /// The value for JSON output only (display, never compared).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Always two decimals: "91.50". Used for scores so columns line up.
    pub fn fixed(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Shortest form, as a person writes a threshold or a maximum: "90", "2.5", "0.25".
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (int, frac) = (a / 100, a % 100);
        match frac {
            0 => write!(f, "{sign}{int}"),
            _ if frac % 10 == 0 => write!(f, "{sign}{int}.{}", frac / 10),
            _ => write!(f, "{sign}{int}.{frac:02}"),
        }
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

/// `num / den` rounded half away from zero (`den > 0`).
fn div_round_half_away(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// An exact rate in 0..=1, held as a fraction: a satisfaction (48 of 52), a threshold
/// ("92.5%" = 925/1000) or a compliance rate (11 of 12 branches).
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    num: i128,
    den: i128,
}

impl Rate {
    /// `num / den`; `den` must be positive and `num` in 0..=den (callers validate counts).
    pub fn ratio(num: u64, den: u64) -> Rate {
        debug_assert!(den > 0 && num <= den);
        Rate {
            num: num as i128,
            den: den.max(1) as i128,
        }
    }

    /// Parses `"92.5%"` (a percentage) or `"0.925"` (a fraction). Must lie in 0..=100 %.
    pub fn parse(text: &str) -> Result<Rate, RateError> {
        let t = text.trim();
        let (digits, percent) = match t.strip_suffix('%') {
            Some(d) => (d.trim(), true),
            None => (t, false),
        };
        let d = Decimal::parse(digits).map_err(|_| RateError::Malformed)?;
        if d.scale > 12 {
            return Err(RateError::Malformed);
        }
        let mut den = 10i128.pow(d.scale);
        if percent {
            den *= 100;
        }
        let rate = Rate {
            num: d.mantissa,
            den,
        };
        if rate.num < 0 || rate.num > rate.den {
            return Err(RateError::OutOfRange);
        }
        Ok(rate)
    }

    /// A rate from a decimal literal written as a TOML number (`0.925`).
    pub fn from_fraction_text(text: &str) -> Result<Rate, RateError> {
        if text.trim().ends_with('%') {
            return Err(RateError::Malformed);
        }
        Rate::parse(text)
    }

    /// The smallest count `k` with `k / population >= self`: how many of a population must
    /// pass to reach this rate.
    pub fn needed_of(self, population: u64) -> u64 {
        let product = self.num * population as i128;
        let k = (product + self.den - 1) / self.den;
        k as u64
    }

    /// The rate as an exact percentage ("93.5%", "92.3076923077%" cut at 10 decimals for
    /// rates that do not terminate): for writing a given rate back out.
    pub fn exact_text(self) -> String {
        let mut int = self.num * 100 / self.den;
        let mut rem = self.num * 100 % self.den;
        let mut digits = String::new();
        while rem != 0 && digits.len() < 10 {
            rem *= 10;
            digits.push(char::from(b'0' + (rem / self.den) as u8));
            rem %= self.den;
        }
        let digits = digits.trim_end_matches('0');
        if int < 0 {
            int = 0;
        }
        if digits.is_empty() {
            format!("{int}%")
        } else {
            format!("{int}.{digits}%")
        }
    }

    /// The fraction rounded to four decimals (two of a percent), as a number for JSON and
    /// spreadsheet cells: the same figure that [`Rate::percent`] shows (display, never
    /// compared).
    pub fn to_f64_4(self) -> f64 {
        self.rounded(2) as f64 / 10_000.0
    }

    /// As a percentage rounded to two decimals, trailing zeros trimmed: "92.31%", "87.5%",
    /// "90%". Verdicts are made on the exact value; where a rate below a threshold would read
    /// as meeting it, reasons use [`Rate::percent_below`].
    pub fn percent(self) -> String {
        format_percent(self.rounded(2), 2)
    }

    /// Always two decimals ("96.30%"), rounded like [`Rate::percent`], so a column of rates
    /// lines up.
    pub fn percent_fixed(self) -> String {
        let h = self.rounded(2);
        format!("{}.{:02}%", h / 100, h % 100)
    }

    /// The rate as a percentage for a reason that says it is below `threshold`: rounded like
    /// [`Rate::percent`], with as many more decimals as it takes to read as below the
    /// threshold ("89.995%" for 1808 of 2009 against 90 %, never "90%").
    pub fn percent_below(self, threshold: Rate) -> String {
        if self >= threshold {
            return self.percent();
        }
        for decimals in 2..=12u32 {
            let shown = self.rounded(decimals);
            // shown / (100 × 10^decimals) < threshold, cross-multiplied
            let scale = 100 * 10i128.pow(decimals);
            if shown * threshold.den < threshold.num * scale {
                return format_percent(shown, decimals);
            }
        }
        // Unreachable for thresholds with at most 12 decimals; truncation never overstates.
        format_percent(self.num * 100 * 10i128.pow(12) / self.den, 12)
    }

    /// The exact fraction `(numerator, denominator)`, denominator positive: for comparing a
    /// rate with a ratio of points by cross-multiplication.
    pub fn fraction(self) -> (i128, i128) {
        (self.num, self.den)
    }

    /// THE display rule of every rate: the percentage with `decimals` decimals, rounded half
    /// away from zero, as an integer (`rounded(2)` of 1808/2009 is 9000, i.e. 90.00 %). Every
    /// format (JSON, table, CSV, Markdown, HTML, xlsx) shows rates through this function.
    pub fn rounded(self, decimals: u32) -> i128 {
        div_round_half_away(self.num * 100 * 10i128.pow(decimals), self.den)
    }
}

/// `value` hundredths (or finer: `decimals` decimals) of a percent, trailing zeros trimmed.
fn format_percent(value: i128, decimals: u32) -> String {
    let unit = 10i128.pow(decimals);
    let (int, frac) = (value / unit, value % unit);
    let digits = format!("{frac:0width$}", width = decimals as usize);
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        format!("{int}%")
    } else {
        format!("{int}.{digits}%")
    }
}

/// Exact comparison by cross-multiplication: 57/100 equals "57%".
impl PartialEq for Rate {
    fn eq(&self, other: &Rate) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Rate {}
impl PartialOrd for Rate {
    fn partial_cmp(&self, other: &Rate) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Rate {
    fn cmp(&self, other: &Rate) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

/// Why a rate could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateError {
    Malformed,
    OutOfRange,
}

impl RateError {
    /// The problem in English and in the interface language.
    pub fn text(&self) -> crate::i18n::Text {
        match self {
            RateError::Malformed => {
                both!("not-a-rate")
            }
            RateError::OutOfRange => both!("rate-out-of-range"),
        }
    }
}

impl fmt::Display for RateError {
    /// The English message of the catalogue, as JSON and English output say it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en())
    }
}

#[cfg(test)]
mod tests;
