//! A JSON string, strictly. poem-openapi's `String` also takes a number or a
//! boolean and turns it into text, so `{"text": 123}` was accepted where the
//! spec says `type: string`; request bodies use [`Str`] instead, which refuses
//! anything but a string (400 `invalid_body`), as the schema says.

use std::borrow::Cow;
use std::ops::Deref;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Str(pub String);

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// An optional text field as the service reads it: absent is empty (the
/// service then says the field is required, naming it).
pub fn text<T: Deref<Target = str>>(v: &Option<T>) -> &str {
    v.as_deref().unwrap_or("")
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Type for Str {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new("string")))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ParseFromJSON for Str {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(s) => Ok(Str(s)),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for Str {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_strings_are_strings() {
        assert_eq!(Str::parse_from_json(Some(json!("a"))).unwrap(), Str("a".into()));
        for v in [json!(1), json!(1.5), json!(true), json!(null), json!([]), json!({})] {
            assert!(Str::parse_from_json(Some(v.clone())).is_err(), "{v}");
        }
        assert!(Option::<Str>::parse_from_json(None).unwrap().is_none());
        assert!(Option::<Str>::parse_from_json(Some(json!(false))).is_err());
    }
}
