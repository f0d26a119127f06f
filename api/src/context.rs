//! What is known about the request being served, available to every layer
//! below the HTTP middleware without threading it through each call: the
//! request id (for logs and audit entries) and the person's language.

use std::future::Future;

use crate::domain::lang::Lang;

#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    pub lang: Lang,
    /// The origin people use (`RENKEI_PUBLIC_URL`), for URLs in answers.
    pub origin: String,
    /// The request is a facility system's (the intake): its errors are
    /// worded for the staff who configure such systems.
    pub from_system: bool,
}

tokio::task_local! {
    static CURRENT: RequestContext;
}

pub async fn scope<F: Future>(ctx: RequestContext, f: F) -> F::Output {
    CURRENT.scope(ctx, f).await
}

/// The id of the request being served, if any.
pub fn request_id() -> Option<String> {
    CURRENT.try_with(|c| c.request_id.clone()).ok()
}

/// Whether the request being served is a facility system's (the intake).
pub fn from_system() -> bool {
    CURRENT.try_with(|c| c.from_system).unwrap_or(false)
}

/// The language of the request being served; Japanese outside a request.
pub fn lang() -> Lang {
    CURRENT.try_with(|c| c.lang).unwrap_or_default()
}

/// The public origin the request came to (`RENKEI_PUBLIC_URL`'s origin).
pub fn origin() -> String {
    CURRENT.try_with(|c| c.origin.clone()).unwrap_or_else(|_| "http://localhost".to_owned())
}
