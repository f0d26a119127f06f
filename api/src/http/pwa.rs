//! Serves the built web app: files as they are, every app route (a path
//! without a file extension) as `index.html`, so deep links work. The app
//! shell and service worker are revalidated on every load; hashed assets are
//! cached for good.
//!
//! A text file asked for with gzip is gzipped once, the first time, and the
//! same bytes answer everyone after (until the file changes on disk): gzipped
//! as each answer was sent, the bundle cost 18-20 ms of CPU per load, outside
//! any admission bound, and review took health to 4.2 s at p50 and memory to
//! 441 MiB with 2,000 phones opening the app at once.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use poem::error::NotFoundError;
use poem::http::header::{self, HeaderValue};
use poem::http::{Method, StatusCode};
use poem::web::StaticFileRequest;
use poem::{Endpoint, FromRequest, IntoResponse, Request, Response, Result};

pub struct Pwa {
    dir: PathBuf,
    gzips: Arc<Gzips>,
}

/// The gzipped text files, each made once for the file as it was.
#[derive(Default)]
struct Gzips {
    files: Mutex<HashMap<PathBuf, Arc<Gzipped>>>,
}

/// A file's gzip, made once for the file as it was (its time and length).
struct Gzipped {
    modified: Option<SystemTime>,
    len: u64,
    bytes: tokio::sync::OnceCell<bytes::Bytes>,
}

impl Pwa {
    /// Serves the app in `dir`; its text files are gzipped at once in the
    /// background (review: gzipping on first demand, 257 of 2,000 phones
    /// arriving together were refused while the bundle was being gzipped).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let pwa = Self { dir: dir.into(), gzips: Arc::default() };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let (gzips, dir) = (Arc::clone(&pwa.gzips), pwa.dir.clone());
            runtime.spawn(async move {
                for file in text_files(&dir) {
                    gzips.gzip_of(&file).await;
                }
            });
        }
        pwa
    }
}

/// The app's text files, in its folder and one level of folders below (`assets`).
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let list = |d: &Path| std::fs::read_dir(d).into_iter().flatten().flatten().map(|e| e.path()).collect::<Vec<_>>();
    let mut out = Vec::new();
    for path in list(dir) {
        if path.is_dir() {
            out.extend(list(&path).into_iter().filter(|p| p.is_file() && compressible(p)));
        } else if compressible(&path) {
            out.push(path);
        }
    }
    out
}

impl Gzips {
    /// The file gzipped (None: it cannot be read).
    async fn gzip_of(&self, file: &Path) -> Option<bytes::Bytes> {
        let meta = std::fs::metadata(file).ok()?;
        let (modified, len) = (meta.modified().ok(), meta.len());
        let entry = {
            let mut map = self.files.lock().unwrap_or_else(|p| p.into_inner());
            let e = map
                .entry(file.to_path_buf())
                .or_insert_with(|| Arc::new(Gzipped { modified, len, bytes: tokio::sync::OnceCell::new() }));
            if e.modified != modified || e.len != len {
                *e = Arc::new(Gzipped { modified, len, bytes: tokio::sync::OnceCell::new() });
            }
            Arc::clone(e)
        };
        let file = file.to_path_buf();
        // The first asker compresses (off the async threads); the others wait for it.
        let bytes = entry
            .bytes
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || std::fs::read(&file).map(|plain| super::gzip_best(&plain)))
                    .await
                    .map_err(|_| ())?
                    .map_err(|_| ())
            })
            .await
            .ok()?;
        Some(bytes.clone())
    }
}

/// Whether a file is text that gzip makes smaller (images and fonts are
/// compressed already).
fn compressible(rel: &Path) -> bool {
    matches!(
        rel.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "json" | "webmanifest" | "svg" | "txt" | "xml" | "map")
    )
}

/// Maps a URL path to a file below the app directory, refusing anything that
/// could climb out of it or reach hidden files.
fn relative_file(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let rel = decoded.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let p = Path::new(rel);
    let clean = p.components().all(|c| match c {
        Component::Normal(s) => !s.to_string_lossy().starts_with('.'),
        _ => false,
    });
    clean.then(|| p.to_path_buf())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0') && !s.contains('\\'))
}

/// A path the app shows a page for: one without a file extension, and
/// everything under `r/` (a poster's code, even one that looks like a file
/// name: the app says the code, or the page, was not found).
fn is_app_route(rel: &Path) -> bool {
    rel.extension().is_none() || rel.starts_with("r")
}

/// For a poster's page (`/r/{code}`), a `Link` header that has the browser
/// ask for the entry point while it is still fetching the app's scripts, so
/// that a phone on a slow network does not wait one more round trip before
/// the page can show anything. The address is the one the app asks for (the
/// code without hyphens, in capitals); a code of other characters gets no
/// header (the app then asks, and is told it does not exist).
fn preload_of(path: &str) -> Option<HeaderValue> {
    let code = path.strip_prefix("/r/")?.trim_end_matches('/');
    let plain = !code.is_empty() && code.len() <= 32 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !plain {
        return None;
    }
    let compact: String = code.chars().filter(|c| *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if compact.is_empty() {
        return None;
    }
    HeaderValue::from_str(&format!("</api/entry-points/{compact}>; rel=preload; as=fetch; crossorigin")).ok()
}

impl Endpoint for Pwa {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return Ok(StatusCode::METHOD_NOT_ALLOWED.into_response());
        }
        // A poster's address that cannot name a file (a NUL, a `..`) is still a code someone
        // scanned or typed: the app's page says it was not found, rather than a bare error.
        let rel = match relative_file(req.uri().path()) {
            Some(rel) => rel,
            None if req.uri().path().starts_with("/r/") => PathBuf::from("r"),
            None => return Err(NotFoundError.into()),
        };
        let file = self.dir.join(&rel);
        let preload = preload_of(req.uri().path());
        let (file, revalidate) = if file.is_file() {
            let shell = matches!(rel.to_str(), Some("index.html" | "sw.js" | "manifest.webmanifest" | "registerSW.js"));
            (file, shell)
        } else if is_app_route(&rel) || rel == Path::new("index.html") {
            let index = self.dir.join("index.html");
            if !index.is_file() {
                tracing::error!(dir = %self.dir.display(), "the web app is not built (no index.html)");
                return Ok(StatusCode::SERVICE_UNAVAILABLE.into_response());
            }
            (index, true)
        } else {
            return Err(NotFoundError.into());
        };
        // `wrap` has reduced Accept-Encoding to gzip or nothing (and nothing for a range).
        let gzip = req.headers().contains_key(header::ACCEPT_ENCODING) && compressible(&rel);
        let (req, mut body) = req.split();
        let static_req = StaticFileRequest::from_request(&req, &mut body).await?;
        let mut resp = static_req.create_response(&file, true, revalidate)?.into_response();
        if gzip
            && resp.status() == StatusCode::OK
            && let Some(bytes) = self.gzips.gzip_of(&file).await
        {
            resp.headers_mut().remove(header::CONTENT_LENGTH);
            resp.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            resp.set_body(bytes);
        }
        if let Some(link) = preload
            && resp.status().is_success()
        {
            resp.headers_mut().insert(header::LINK, link);
        }
        if !revalidate && resp.status().is_success() {
            let immutable = rel.starts_with("assets");
            let value = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=3600" };
            resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_text_files_are_gzipped_before_anyone_asks() {
        let dir = std::env::temp_dir().join(format!("renkei-pwa-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<div id=app></div>".repeat(50)).unwrap();
        std::fs::write(dir.join("assets/app-1.js"), "console.log(1);".repeat(500)).unwrap();
        std::fs::write(dir.join("assets/logo.png"), b"\x89PNG....").unwrap();
        let pwa = Pwa::new(&dir);
        let ready = |name: &str| {
            let files = pwa.gzips.files.lock().unwrap();
            files.get(&dir.join(name)).is_some_and(|g| g.bytes.initialized())
        };
        for _ in 0..200 {
            if ready("index.html") && ready("assets/app-1.js") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(ready("index.html") && ready("assets/app-1.js"));
        assert!(!pwa.gzips.files.lock().unwrap().contains_key(&dir.join("assets/logo.png")), "images as they are");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_posters_page_preloads_its_entry_point_as_the_app_asks_for_it() {
        let link = |path: &str| preload_of(path).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            link("/r/7k3m-qx9p-r").as_deref(),
            Some("</api/entry-points/7K3MQX9PR>; rel=preload; as=fetch; crossorigin")
        );
        assert_eq!(
            link("/r/7K3MQX9PR/").as_deref(),
            Some("</api/entry-points/7K3MQX9PR>; rel=preload; as=fetch; crossorigin")
        );
        // Other screens of the registration, other pages and odd codes get none.
        for path in
            ["/r/7K3MQX9PR/details", "/r/", "/r/---", "/me", "/r/%EF%BC%97K3M", "/r/a%0d%0ab", "/poster/7K3MQX9PR"]
        {
            assert_eq!(link(path), None, "{path}");
        }
        assert_eq!(link(&format!("/r/{}", "A".repeat(33))), None);
    }

    #[test]
    fn paths_stay_inside() {
        assert_eq!(relative_file("/"), Some(PathBuf::from("index.html")));
        assert_eq!(relative_file("/assets/app.js"), Some(PathBuf::from("assets/app.js")));
        assert_eq!(relative_file("/r/ABC123"), Some(PathBuf::from("r/ABC123")));
        assert_eq!(relative_file("/../etc/passwd"), None);
        assert_eq!(relative_file("/%2e%2e/etc/passwd"), None);
        assert_eq!(relative_file("/assets/..%2f..%2fsecret"), None);
        assert_eq!(relative_file("/.env"), None);
        assert_eq!(relative_file("/a%00b"), None);
        assert_eq!(relative_file("/a%5c..%5cb"), None);
        assert_eq!(relative_file("/bad%zz"), None);
    }
}
