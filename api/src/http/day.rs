//! A day in the contract: `YYYY-MM-DD`, declared as OpenAPI's `format: date`
//! (poem-openapi declares chrono's `NaiveDate` as `naive-date`, which no
//! generator or validator knows).

use std::borrow::Cow;

use chrono::NaiveDate;
use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde_json::Value;

/// A day (in Japan, where the service keeps days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub NaiveDate);

impl From<NaiveDate> for Day {
    fn from(d: NaiveDate) -> Self {
        Day(d)
    }
}

impl Type for Day {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_date".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema { format: Some("date"), ..MetaSchema::new("string") }))
    }

    fn as_raw_value(&self) -> Option<&Self> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for Day {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(Day).map_err(ParseError::custom),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for Day {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.format("%Y-%m-%d").to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_written_and_read_as_rfc_3339_full_date() {
        let d = Day(NaiveDate::from_ymd_opt(1950, 4, 1).unwrap());
        assert_eq!(d.to_json(), Some(Value::from("1950-04-01")));
        assert_eq!(Day::parse_from_json(Some(Value::from("1950-04-01"))).unwrap(), d);
        assert!(Day::parse_from_json(Some(Value::from("1950-4-1x"))).is_err());
    }
}
