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

/// The bytes of a JSON object written from a `T`, in parts that may share
/// memory with other answers (see [`with_field_first`]).
pub struct PreparedJson<T> {
    parts: Vec<bytes::Bytes>,
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

    /// Bytes written by [`PreparedJson::write`] (in parts), served as they are.
    pub fn new(parts: Vec<bytes::Bytes>) -> Self {
        PreparedJson { parts, _of: PhantomData }
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
        let length: usize = self.parts.iter().map(bytes::Bytes::len).sum();
        // The parts go out as they are, never copied into one: many answers
        // waiting to be written share the one written summary.
        let chunks = futures::stream::iter(self.parts.into_iter().map(Ok::<_, std::io::Error>));
        Response::builder()
            .content_type(<Json<serde_json::Value> as Payload>::CONTENT_TYPE)
            .header(poem::http::header::CONTENT_LENGTH, length)
            .body(poem::Body::from_bytes_stream(chunks))
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
/// written once, which the answer shares rather than copies.
pub fn with_field_first(bytes: &bytes::Bytes, name: &str, value: &serde_json::Value) -> Vec<bytes::Bytes> {
    let rest = if bytes.first() == Some(&b'{') { bytes.slice(1..) } else { bytes.clone() };
    let mut head = Vec::with_capacity(name.len() + 48);
    head.push(b'{');
    let _ = serde_json::to_writer(&mut head, name);
    head.push(b':');
    let _ = serde_json::to_writer(&mut head, value);
    if &rest[..] != b"}" {
        head.push(b',');
    }
    vec![head.into(), rest]
}

#[cfg(test)]
mod tests {
    use super::with_field_first;

    #[test]
    fn a_field_goes_in_front() {
        let v = serde_json::json!("2026-12-05T00:00:00Z");
        let joined = |b: &'static [u8]| with_field_first(&bytes::Bytes::from_static(b), "asOf", &v).concat();
        assert_eq!(joined(br#"{"a":1}"#), br#"{"asOf":"2026-12-05T00:00:00Z","a":1}"#);
        assert_eq!(joined(b"{}"), br#"{"asOf":"2026-12-05T00:00:00Z"}"#);
    }
}
