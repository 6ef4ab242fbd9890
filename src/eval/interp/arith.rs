//! Arithmetic on values, as the checker typed it: overflow, division by zero and dates past the
//! calendar give unknown; division rounds down.

use super::super::value::Value;
use crate::check::checked::Arith;

/// Arithmetic as the checker typed it; overflow, division by zero and dates out of the
/// calendar give unknown.
pub fn arith<'a>(op: Arith, a: Value<'a>, b: Value<'a>) -> Value<'a> {
    use Value::{Date as D, Days, Int, Months};
    let result = match (op, a, b) {
        (Arith::IntAdd, Int(a), Int(b)) => a.checked_add(b).map(Int),
        (Arith::IntSub, Int(a), Int(b)) => a.checked_sub(b).map(Int),
        (Arith::IntMul, Int(a), Int(b)) => a.checked_mul(b).map(Int),
        (Arith::IntDiv, Int(a), Int(b)) => floor_div(a, b).map(Int),
        (Arith::DaysAdd, Days(a), Days(b)) => a.checked_add(b).map(Days),
        (Arith::DaysSub, Days(a), Days(b)) => a.checked_sub(b).map(Days),
        (Arith::DaysMul, Days(a), Int(b)) => a.checked_mul(b).map(Days),
        (Arith::DaysDivDays, Days(a), Days(b)) => floor_div(a, b).map(Int),
        (Arith::DaysDivInt, Days(a), Int(b)) => floor_div(a, b).map(Days),
        (Arith::MonthsAdd, Months(a), Months(b)) => a.checked_add(b).map(Months),
        (Arith::MonthsSub, Months(a), Months(b)) => a.checked_sub(b).map(Months),
        (Arith::MonthsMul, Months(a), Int(b)) => a.checked_mul(b).map(Months),
        (Arith::DateAddDays, D(d), Days(n)) => d.add_days(n).map(D),
        (Arith::DateSubDays, D(d), Days(n)) => n.checked_neg().and_then(|n| d.add_days(n)).map(D),
        (Arith::DateAddMonths, D(d), Months(n)) => d.add_months(n).map(D),
        (Arith::DateSubMonths, D(d), Months(n)) => {
            n.checked_neg().and_then(|n| d.add_months(n)).map(D)
        }
        (Arith::DateDiff, D(a), D(b)) => Some(Days(a.days_since(b))),
        _ => None,
    };
    result.unwrap_or(Value::Unknown)
}

/// Division rounding down (towards minus infinity); `None` for division by zero.
fn floor_div(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let quotient = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        quotient.checked_sub(1)
    } else {
        Some(quotient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn division_rounds_down() {
        assert_eq!(floor_div(7, 2), Some(3));
        assert_eq!(floor_div(-7, 2), Some(-4));
        assert_eq!(floor_div(7, -2), Some(-4));
        assert_eq!(floor_div(-8, 2), Some(-4));
        assert_eq!(floor_div(1, 0), None);
    }

    #[test]
    fn date_arithmetic_keeps_the_day_and_clamps() {
        let leap = Date::parse("2024-02-29").unwrap();
        assert_eq!(
            arith(Arith::DateAddMonths, Value::Date(leap), Value::Months(12)),
            Value::Date(Date::parse("2025-02-28").unwrap())
        );
        assert_eq!(
            arith(Arith::DateSubMonths, Value::Date(leap), Value::Months(48)),
            Value::Date(Date::parse("2020-02-29").unwrap())
        );
        assert_eq!(
            arith(
                Arith::DateDiff,
                Value::Date(leap),
                Value::Date(Date::parse("2024-02-01").unwrap())
            ),
            Value::Days(28)
        );
    }

    #[test]
    fn unknown_propagates_through_arithmetic() {
        assert_eq!(
            arith(Arith::IntAdd, Value::Unknown, Value::Int(1)),
            Value::Unknown
        );
        assert_eq!(
            arith(Arith::IntDiv, Value::Int(1), Value::Int(0)),
            Value::Unknown
        );
        assert_eq!(
            arith(Arith::IntMul, Value::Int(i64::MAX), Value::Int(2)),
            Value::Unknown
        );
    }
}
