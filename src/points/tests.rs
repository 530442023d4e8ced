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
