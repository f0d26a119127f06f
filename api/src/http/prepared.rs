//! A JSON answer written once and served as bytes, documented in the spec
//! as the type it was written from. poem-openapi's `Json` builds a value
//! tree and writes it on every response; for an answer that many reads share
//! (a summary, until the records change) that is most of the work.

use std::marker::PhantomData;

use poem::{IntoResponse, Response};
use poem_openapi::ApiResponse;
use poem_openapi::payload::{Json, Payload};
use poem_openapi::registry::{MetaMediaType, MetaResponse, MetaResponses, MetaSchemaRef, Registry};
use poem_openapi::types::{ToJSON, Type};

/// The bytes of a JSON object written from a `T`.
pub struct PreparedJson<T> {
    bytes: bytes::Bytes,
    _of: PhantomData<fn() -> T>,
}

impl<T: ToJSON> PreparedJson<T> {
    /// Writes `value` as a JSON object without the fields named in `leave_out`
    /// (the caller keeps the bytes to serve again, putting those in front).
    pub fn write(value: &T, leave_out: &[&str]) -> Option<bytes::Bytes> {
        let mut v = value.to_json()?;
        let o = v.as_object_mut()?;
        for name in leave_out {
            o.remove(*name);
        }
        serde_json::to_vec(&v).ok().map(Into::into)
    }

    /// Bytes written by [`PreparedJson::write`], served as they are.
    pub fn new(bytes: bytes::Bytes) -> Self {
        PreparedJson { bytes, _of: PhantomData }
    }
}

impl<T: Type> Payload for PreparedJson<T> {
    const CONTENT_TYPE: &'static str = <Json<T> as Payload>::CONTENT_TYPE;

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Send> IntoResponse for PreparedJson<T> {
    fn into_response(self) -> Response {
        Response::builder().content_type(<Json<serde_json::Value> as Payload>::CONTENT_TYPE).body(self.bytes)
    }
}

impl<T: ToJSON> ApiResponse for PreparedJson<T> {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: vec![MetaResponse {
                description: "",
                status: Some(200),
                status_range: None,
                content: vec![MetaMediaType { content_type: Self::CONTENT_TYPE, schema: Self::schema_ref() }],
                headers: vec![],
            }],
        }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// `bytes`, a JSON object, with `"name": value` put first: a field that
/// changes with every read (the time it is served) in front of bytes
/// written once.
pub fn with_field_first(bytes: &[u8], name: &str, value: &serde_json::Value) -> bytes::Bytes {
    let rest = bytes.strip_prefix(b"{").unwrap_or(bytes);
    let mut out = Vec::with_capacity(bytes.len() + name.len() + 48);
    out.push(b'{');
    let _ = serde_json::to_writer(&mut out, name);
    out.push(b':');
    let _ = serde_json::to_writer(&mut out, value);
    if rest != b"}" {
        out.push(b',');
    }
    out.extend_from_slice(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::with_field_first;

    #[test]
    fn a_field_goes_in_front() {
        let v = serde_json::json!("2026-12-05T00:00:00Z");
        let joined = with_field_first(br#"{"a":1}"#, "asOf", &v);
        assert_eq!(&joined[..], br#"{"asOf":"2026-12-05T00:00:00Z","a":1}"#);
        let joined = with_field_first(b"{}", "asOf", &v);
        assert_eq!(&joined[..], br#"{"asOf":"2026-12-05T00:00:00Z"}"#);
    }
}
