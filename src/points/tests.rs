use super::*;

fn p(s: &str) -> Points {
    Points::parse(s).unwrap()
}

#[test]
fn nine_times_9_1_plus_8_1_is_exactly_90() {
    let total: Points = std::iter::repeat_n(p("9.1"), 9).chain([p("8.1")]).sum();
    assert_eq!(total, Points::whole(90));
    assert!(total >= Points::whole(90));
}

#[test]
fn a_hundred_steps_of_one_hundredth_make_one_point() {
    let total: Points = std::iter::repeat_n(p("0.01"), 100).sum();
    assert_eq!(total, Points::whole(1));
    assert_eq!(total.fixed(), "1.00");
}

#[test]
fn more_than_two_decimals_is_refused_not_rounded() {
    assert_eq!(
        Points::parse("9.125"),
        Err(NumberError::TooPrecise { max_decimals: 2 })
    );
    assert_eq!(p("2.50"), p("2.5"));
    assert_eq!(p("1e1"), Points::whole(10));
    assert_eq!(p("25e-2"), p("0.25"));
    assert_eq!(p("1_000"), Points::whole(1000));
    assert!(Points::parse("nan").is_err());
    assert_eq!(
        Points::parse("1e-400"),
        Err(NumberError::TooPrecise { max_decimals: 2 })
    );
    assert_eq!(Points::parse("0e500"), Ok(Points::ZERO));
    assert!(Points::parse("inf").is_err());
}

#[test]
fn normalisation_rounds_half_away_from_zero() {
    // 36.02 × 50 / 40 = 45.025 → 45.03
    assert_eq!(p("36.02").scale_to(p("50"), p("40")), p("45.03"));
    // 0.01 × 1 / 2 = 0.005 → 0.01, not banker's 0.00
    assert_eq!(p("0.01").scale_to(p("1"), p("2")), p("0.01"));
    // 0.03 × 1 / 2 = 0.015 → 0.02
    assert_eq!(p("0.03").scale_to(p("1"), p("2")), p("0.02"));
    // just below the half rounds down: 0.0149… → 0.01
    assert_eq!(p("0.01").scale_to(p("149"), p("100")), p("0.01"));
    // 88 × 100 / 96 = 91.666… → 91.67
    assert_eq!(p("88").scale_to(p("100"), p("96")), p("91.67"));
}

#[test]
fn means_round_half_away_from_zero() {
    assert_eq!(Points::mean(p("1"), 3), p("0.33"));
    assert_eq!(Points::mean(p("0.05"), 2), p("0.03"));
    assert_eq!(Points::mean(p("-0.05"), 2), p("-0.03"));
    assert_eq!(Points::mean(p("7"), 0), Points::ZERO);
}

#[test]
fn rates_compare_exactly() {
    assert_eq!(Rate::ratio(57, 100), Rate::parse("57%").unwrap());
    assert!(Rate::ratio(57, 100) >= Rate::parse("57%").unwrap());
    assert!(Rate::ratio(9, 10) >= Rate::parse("0.9").unwrap());
    assert!(Rate::ratio(899, 1000) < Rate::parse("90%").unwrap());
    assert_eq!(Rate::parse("92.5%").unwrap(), Rate::parse("0.925").unwrap());
    assert_eq!(Rate::parse("101%"), Err(RateError::OutOfRange));
    assert_eq!(Rate::parse("ninety"), Err(RateError::Malformed));
}

#[test]
fn needed_counts_are_exact() {
    let target = Rate::parse("95%").unwrap();
    assert_eq!(target.needed_of(12), 12); // 11/12 = 91.7 % is short
    assert_eq!(target.needed_of(20), 19); // 19/20 = 95 % exactly meets it
    assert_eq!(Rate::parse("60%").unwrap().needed_of(4), 3);
}

#[test]
fn given_rates_are_written_back_exactly() {
    assert_eq!(Rate::parse("93.5%").unwrap().exact_text(), "93.5%");
    assert_eq!(Rate::parse("0.925").unwrap().exact_text(), "92.5%");
    assert_eq!(Rate::parse("100%").unwrap().exact_text(), "100%");
    assert_eq!(Rate::ratio(1, 3).exact_text(), "33.3333333333%");
}

#[test]
fn rates_display() {
    // One rule everywhere: half away from zero to 4 decimals (2 of a percent).
    assert_eq!(Rate::ratio(48, 52).to_f64_4(), 0.9231);
    assert_eq!(Rate::ratio(48, 52).percent(), "92.31%");
    assert_eq!(Rate::ratio(11, 13).to_f64_4(), 0.8462);
    assert_eq!(Rate::ratio(11, 13).percent_fixed(), "84.62%");
    assert_eq!(Rate::ratio(7, 8).percent(), "87.5%");
    assert_eq!(Rate::ratio(8999, 10000).percent(), "89.99%");
    assert_eq!(Rate::ratio(89996, 100000).percent(), "90%");
    assert_eq!(Rate::ratio(79, 90).percent_fixed(), "87.78%");
    assert_eq!(Rate::ratio(1, 20_000).percent(), "0.01%");
    assert_eq!(Rate::ratio(963, 1000).percent_fixed(), "96.30%");
    assert_eq!(Rate::ratio(1, 1).percent_fixed(), "100.00%");
}

#[test]
fn a_reason_shows_enough_decimals_to_read_below_its_threshold() {
    let ninety = Rate::parse("90%").unwrap();
    assert_eq!(Rate::ratio(1808, 2009).percent(), "90%");
    assert_eq!(Rate::ratio(1808, 2009).percent_below(ninety), "89.995%");
    assert_eq!(Rate::ratio(89996, 100000).percent_below(ninety), "89.996%");
    assert_eq!(
        Rate::ratio(899999, 1000000).percent_below(ninety),
        "89.9999%"
    );
    assert_eq!(Rate::ratio(3, 4).percent_below(ninety), "75%");
    assert_eq!(Rate::ratio(9, 10).percent_below(ninety), "90%");
}

#[test]
fn points_display() {
    assert_eq!(p("90").to_string(), "90");
    assert_eq!(p("2.5").to_string(), "2.5");
    assert_eq!(p("0.25").to_string(), "0.25");
    assert_eq!(p("88.5").fixed(), "88.50");
    assert_eq!(p("-0.5").fixed(), "-0.50");
}

fn rate(s: &str) -> Rate {
    Rate::parse(s).unwrap()
}

#[test]
fn a_weighted_base_rounds_once_at_the_end() {
    // SPEC §11.4 worked example w3: 40 × 9/10 + 35 × 1/3 + 25 × 17.1/20 = 69.041666… → 69.04
    // (rounding item by item would give 36 + 11.67 + 21.38 = 69.05).
    let terms = [
        (rate("40%"), p("9"), p("10")),
        (rate("35%"), p("1"), p("3")),
        (rate("25%"), p("17.1"), p("20")),
    ];
    assert_eq!(weighted_base(&terms, Points::whole(100)), p("69.04"));
    assert_eq!(weighted_base(&terms, Points::whole(10)), p("6.9"));
}

#[test]
fn a_weighted_base_rounds_half_away_from_zero() {
    // 100 × (1/8 × 1/2 + 7/8 × 0.0001/1)… simpler: one item, 0.005 of the scale.
    let terms = [(rate("100%"), p("0.01"), p("2"))];
    // 100 × 0.01 / 2 = 0.5 hundredths → rounds up to 0.01.
    assert_eq!(weighted_base(&terms, Points::whole(1)), p("0.01"));
    let terms = [(rate("100%"), p("0.01"), p("3"))];
    // 1 × 0.01 / 3 = 0.333… hundredths → 0.
    assert_eq!(weighted_base(&terms, Points::whole(1)), Points::ZERO);
}

#[test]
fn an_item_with_nothing_applicable_leaves_both_sums() {
    // 40 % × 1 + (30 % all N/A) + 30 % × 1/2 over 70 % = (0.4 + 0.15) / 0.7 = 78.571… %
    let terms = [
        (rate("40%"), p("10"), p("10")),
        (rate("30%"), Points::ZERO, Points::ZERO),
        (rate("30%"), p("5"), p("10")),
    ];
    assert_eq!(weighted_base(&terms, Points::whole(100)), p("78.57"));
    // Everything N/A: nothing to weigh, base 0.
    let none = [(rate("100%"), Points::ZERO, Points::ZERO)];
    assert_eq!(weighted_base(&none, Points::whole(100)), Points::ZERO);
}

#[test]
fn many_items_with_awkward_maxima_stay_exact() {
    // 30 items with prime maxima: the common denominator is large but the sum is exact.
    let primes = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113,
    ];
    let w = Rate::ratio(1, 30);
    let terms: Vec<_> = primes
        .iter()
        .map(|&n| (w, Points::whole(n - 1), Points::whole(n)))
        .collect();
    // 100 × mean((n − 1)/n) = 93.834011… (Python's fractions); the common denominator passes
    // 10^45, so the big-integer path computes it.
    assert_eq!(weighted_base(&terms, Points::whole(100)), p("93.83"));
    // Both paths agree where both apply.
    let w3 = [
        (rate("40%"), p("9"), p("10")),
        (rate("35%"), p("1"), p("3")),
        (rate("25%"), p("17.1"), p("20")),
    ];
    assert_eq!(ratio::exact_big(&w3, Points::whole(100)), p("69.04"));
}

#[test]
fn ratios_reduce_and_compare_exactly() {
    assert_eq!(Ratio::of(p("6"), p("12")), Ratio::new(1, 2));
    assert_eq!(Ratio::of(p("1"), Points::ZERO), None);
    let third = Ratio::new(1, 3).unwrap();
    let sum = third
        .checked_add(third)
        .unwrap()
        .checked_add(third)
        .unwrap();
    assert_eq!(sum, Ratio::new(1, 1).unwrap());
    assert_eq!(Ratio::new(2, 3).unwrap().round_points(), p("0.67"));
    assert_eq!(Ratio::new(-1, 200).unwrap().round_points(), p("-0.01"));
}

/// The parser before it stopped allocating (three Strings per number), kept as the oracle
/// for the one that replaced it.
fn decimal_as_before(text: &str) -> Result<Decimal, NumberError> {
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
    let int_digits: String = int_part.chars().filter(|&c| c != '_').collect();
    let frac_digits: String = frac_part.chars().filter(|&c| c != '_').collect();
    let frac_digits = frac_digits.trim_end_matches('0');
    if int_digits.is_empty() && !frac_part.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    if !int_digits
        .chars()
        .chain(frac_digits.chars())
        .all(|c| c.is_ascii_digit())
    {
        return Err(NumberError::NotANumber);
    }
    let digits = format!("{int_digits}{frac_digits}");
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits
    };
    if digits.trim_start_matches('0').len() > 30 {
        return Err(NumberError::TooLarge);
    }
    let mut mantissa: i128 = digits.parse().map_err(|_| NumberError::NotANumber)?;
    if mantissa == 0 {
        return Ok(Decimal {
            mantissa: 0,
            scale: 0,
        });
    }
    let mut scale = frac_digits.len() as i64 - exponent as i64;
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
        if mantissa == 0 {
            scale = 0;
        } else {
            return Err(NumberError::TooPrecise { max_decimals: 30 });
        }
    }
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

#[test]
fn decimals_parse_as_they_did_before_the_parser_stopped_allocating() {
    // Every string of up to six of these symbols (about 600 000), and long ones at the
    // limits of size and precision.
    const SYMBOLS: &[u8] = b"019_.e-+x";
    let mut checked = 0;
    let mut text = Vec::new();
    fn each(text: &mut Vec<u8>, depth: usize, checked: &mut usize) {
        let s = std::str::from_utf8(text).unwrap();
        assert_eq!(Decimal::parse(s), decimal_as_before(s), "{s:?}");
        *checked += 1;
        if depth == 6 {
            return;
        }
        for &c in SYMBOLS {
            text.push(c);
            each(text, depth + 1, checked);
            text.pop();
        }
    }
    each(&mut text, 0, &mut checked);
    assert!(checked > 500_000);
    for s in [
        "123456789012345678901234567890",
        "1234567890123456789012345678901",
        "0000001234567890123456789012345678900",
        "0.000000000000000000000000000001",
        "0.0000000000000000000000000000001",
        "1.000000000000000000000000000000000",
        "9e20",
        "9e21",
        "1_000.500_0",
        " 12.50 ",
        "一",
        "1.5０",
    ] {
        assert_eq!(Decimal::parse(s), decimal_as_before(s), "{s:?}");
    }
}
