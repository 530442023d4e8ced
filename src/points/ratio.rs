//! Exact fractions for the rules that divide before they round: item weights (SPEC §11.4,
//! `base = round(scale × Σ wᵢ·sᵢ / Σ wᵢ)`) and item minimums compared as shares (§11.3).
//! A [`Ratio`] is always reduced, so sums of a checklist's shares stay small.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use super::{Points, Rate, div_round_half_away};

/// An exact fraction `num / den`, `den > 0`, reduced.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// `num / den` reduced; `None` when `den` is 0.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den);
        Some(Ratio {
            num: sign * num / g,
            den: sign * den / g,
        })
    }

    /// `a / b` of two point figures (`score / applicable`); `None` when `b` is 0.
    pub fn of(a: Points, b: Points) -> Option<Ratio> {
        Ratio::new(a.0 as i128, b.0 as i128)
    }

    pub fn from_rate(r: Rate) -> Ratio {
        Ratio::new(r.num, r.den).unwrap_or(Ratio::ZERO)
    }

    pub fn from_points(p: Points) -> Ratio {
        Ratio::new(p.0 as i128, 100).unwrap_or(Ratio::ZERO)
    }

    /// The sum, exact; `None` only if it does not fit in 128 bits.
    pub fn checked_add(self, o: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, o.den);
        let den = (self.den / g).checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_add(o.num.checked_mul(self.den / g)?)?;
        Ratio::new(num, den)
    }

    /// The product, exact; `None` only if it does not fit in 128 bits.
    pub fn checked_mul(self, o: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, o.den);
        let g2 = gcd(o.num, self.den);
        let num = (self.num / g1).checked_mul(o.num / g2)?;
        let den = (self.den / g2).checked_mul(o.den / g1)?;
        Ratio::new(num, den)
    }

    /// The quotient; `None` when `o` is 0 or it does not fit.
    pub fn checked_div(self, o: Ratio) -> Option<Ratio> {
        self.checked_mul(Ratio::new(o.den, o.num)?)
    }

    /// Rounded half away from zero to hundredths, as points: the one rounding of a rule.
    pub fn round_points(self) -> Points {
        Points(div_round_half_away(self.num * 100, self.den) as i64)
    }

    /// As a rate, for display (`percent`, `percent_below`); shares lie in 0..=1.
    pub fn to_rate(self) -> Rate {
        Rate {
            num: self.num,
            den: self.den,
        }
    }
}

impl Ratio {
    /// Compares two ratios exactly (in big integers when the cross products overflow).
    pub fn cmp_exact(self, o: Ratio) -> std::cmp::Ordering {
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => (BigInt::from(self.num) * BigInt::from(o.den))
                .cmp(&(BigInt::from(o.num) * BigInt::from(self.den))),
        }
    }

    /// Whether the ratio is above zero.
    pub fn is_positive(self) -> bool {
        self.num > 0
    }
}

/// The exact sum of rates, to check that weights add up to exactly 100 % (item weights of
/// SPEC §11.4, level weights of §11.9). Rates are read as decimals, so their denominators are
/// powers of ten and the sum fits in 128 bits; a term that would not is left out, and the
/// sum then cannot be 100 % by accident of a missing term only if the rest is not.
pub fn sum_of_rates(rates: impl IntoIterator<Item = Rate>) -> Rate {
    let mut sum = Ratio::ZERO;
    for r in rates {
        sum = sum.checked_add(Ratio::from_rate(r)).unwrap_or(sum);
    }
    sum.to_rate()
}

/// Whether `a ≥ b × c`, exactly (in big integers when 128 bits do not hold the products).
pub fn at_least_product(a: Ratio, b: Ratio, c: Ratio) -> bool {
    // a.num / a.den ≥ (b.num · c.num) / (b.den · c.den), all denominators positive.
    let small = || {
        let left = a.num.checked_mul(b.den)?.checked_mul(c.den)?;
        let right = b.num.checked_mul(c.num)?.checked_mul(a.den)?;
        Some(left >= right)
    };
    small().unwrap_or_else(|| {
        let big = BigInt::from;
        big(a.num) * big(b.den) * big(c.den) >= big(b.num) * big(c.num) * big(a.den)
    })
}

/// `Σ wₗ·xₗ`, exact (SPEC §11.9: a combined record's base before its one rounding, and a
/// combined item's score and applicable points); `None` only past 128 bits.
pub fn weighted_sum(terms: &[(Rate, Points)]) -> Option<Ratio> {
    let mut sum = Ratio::ZERO;
    for (w, x) in terms {
        sum = sum.checked_add(Ratio::from_rate(*w).checked_mul(Ratio::from_points(*x))?)?;
    }
    Some(sum)
}

/// `round(Σ wₗ·xₗ)`, half away from zero to hundredths: the combined base of SPEC §11.9. Exact
/// before the one rounding, in big integers if 128 bits do not suffice.
pub fn weighted_points(terms: &[(Rate, Points)]) -> Points {
    if let Some(sum) = weighted_sum(terms) {
        return sum.round_points();
    }
    let mut sum = BigRational::zero();
    for (w, x) in terms {
        sum += BigRational::new(BigInt::from(w.num), BigInt::from(w.den))
            * BigRational::new(BigInt::from(x.0), BigInt::from(100));
    }
    let hundredths = (sum * BigRational::from_integer(BigInt::from(100))).round();
    Points(hundredths.to_integer().to_i64().unwrap_or(i64::MAX))
}

impl PartialEq for Ratio {
    fn eq(&self, o: &Ratio) -> bool {
        self.num == o.num && self.den == o.den
    }
}
impl Eq for Ratio {}
/// `round(scale × Σ wᵢ·sᵢ / Σ wᵢ)` with `sᵢ = scoreᵢ / applicableᵢ` (SPEC §11.4): every
/// term exact, one rounding half away from zero at the end. Terms whose applicable is 0 are
/// left out of both sums; with no term left the result is 0.
pub fn weighted_base(terms: &[(Rate, Points, Points)], scale: Points) -> Points {
    let exact = || {
        let mut sum = Ratio::ZERO;
        let mut weights = Ratio::ZERO;
        for (w, score, applicable) in terms {
            let Some(share) = Ratio::of(*score, *applicable) else {
                continue;
            };
            let w = Ratio::from_rate(*w);
            sum = sum.checked_add(w.checked_mul(share)?)?;
            weights = weights.checked_add(w)?;
        }
        if weights.num == 0 {
            return Some(Points::ZERO);
        }
        Some(
            sum.checked_div(weights)?
                .checked_mul(Ratio::from_points(scale))?
                .round_points(),
        )
    };
    exact().unwrap_or_else(|| exact_big(terms, scale))
}

/// The same sum in big integers: for checklists whose items' applicable points have a least
/// common multiple beyond 128 bits (thirty items with distinct prime maxima). Still exact,
/// still one rounding half away from zero.
pub(super) fn exact_big(terms: &[(Rate, Points, Points)], scale: Points) -> Points {
    let big = |n: i128| BigRational::from_integer(BigInt::from(n));
    let (mut sum, mut weights) = (big(0), big(0));
    for (w, score, applicable) in terms {
        if applicable.0 == 0 {
            continue;
        }
        let w = BigRational::new(BigInt::from(w.num), BigInt::from(w.den));
        let share = BigRational::new(BigInt::from(score.0), BigInt::from(applicable.0));
        sum += &w * share;
        weights += w;
    }
    if weights.is_zero() {
        return Points::ZERO;
    }
    let hundredths = (sum / weights * big(scale.0 as i128)).round();
    Points(hundredths.to_integer().to_i64().unwrap_or(i64::MAX))
}
