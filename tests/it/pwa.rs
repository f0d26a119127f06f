//! The web app as the server delivers it: files, deep links, cache rules,
//! and nothing outside its directory.

use poem::http::StatusCode;

use crate::support::client::{assert_error, read};
use crate::support::each_backend;

#[tokio::test]
async fn app_shell_and_deep_links_get_index_html_revalidated() {
    each_backend(async |app| {
        // Odd poster addresses (a NUL, a `..`, what looks like a file) still get the app, which
        // says the code (or, for a deeper path, the page) was not found.
        for path in
            ["/", "/r/ABCD1234", "/summary", "/reception/forms/new", "/r/a%00b", "/r/..%2Fx", "/r/a.js", "/r/x/y.png"]
        {
            let resp = app.client.get(path).send().await;
            assert_eq!(resp.0.status(), StatusCode::OK, "{path}");
            let h = resp.0.headers().clone();
            assert!(h["content-type"].to_str().unwrap().starts_with("text/html"), "{path}");
            assert_eq!(h["cache-control"], "no-cache", "{path}");
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
            // A poster's page has the browser ask for its entry point with the scripts.
            let preload = h.get("link").map(|v| v.to_str().unwrap().to_owned());
            let expected = (path == "/r/ABCD1234")
                .then(|| "</api/entry-points/ABCD1234>; rel=preload; as=fetch; crossorigin".to_owned());
            assert_eq!(preload, expected, "{path}");
            assert!(resp.0.into_body().into_string().await.unwrap().contains("<div id=app>"));
        }
    })
    .await;
}

#[tokio::test]
async fn service_worker_is_revalidated_and_hashed_assets_are_immutable() {
    each_backend(async |app| {
        let resp = app.client.get("/sw.js").send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        assert_eq!(resp.0.headers()["cache-control"], "no-cache");
        assert!(resp.0.headers()["content-type"].to_str().unwrap().contains("javascript"));

        let resp = app.client.get("/assets/app-1a2b3c.js").send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        assert_eq!(resp.0.headers()["cache-control"], "public, max-age=31536000, immutable");

        let resp = app.client.get("/assets/app-1a2b3c.js").header("Accept-Encoding", "gzip").send().await;
        assert_eq!(resp.0.headers()["content-encoding"], "gzip", "text is compressed for slow networks");
        assert!(
            resp.0.headers().get_all("vary").iter().any(|v| v.to_str().unwrap().contains("accept-encoding")),
            "caches keep the compressed and the plain apart"
        );
        let resp = app
            .client
            .get("/assets/app-1a2b3c.js")
            .header("Accept-Encoding", "gzip")
            .header("Range", "bytes=0-9")
            .send()
            .await;
        assert!(resp.0.headers().get("content-encoding").is_none(), "a range is of the plain file");
    })
    .await;
}

#[tokio::test]
async fn nothing_outside_the_app_directory_is_served() {
    each_backend(async |app| {
        std::fs::write(app.pwa_dir.join(".env"), "SECRET=1").unwrap();
        std::fs::write(app.pwa_dir.parent().unwrap().join("secret.txt"), "SECRET").unwrap();
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/assets/..%2f..%2fsecret.txt",
            "/.env",
            "/assets/%2e%2e/%2e%2e/secret.txt",
        ] {
            let resp = app.client.get(path).send().await;
            let status = resp.0.status();
            let body = resp.0.into_body().into_string().await.unwrap();
            assert!(!body.contains("SECRET"), "{path} leaked");
            assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST, "{path}: {status}");
        }
    })
    .await;
}

#[tokio::test]
async fn an_unbuilt_app_is_503_with_the_error_shape() {
    each_backend(async |app| {
        std::fs::remove_file(app.pwa_dir.join("index.html")).unwrap();
        let (status, _, body) = read(app.client.get("/").send().await).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_error(&body, "service_unavailable");
        let (status, _, _) = read(app.client.get("/api/health").send().await).await;
        assert_eq!(status, StatusCode::OK, "the API does not depend on the web app");
    })
    .await;
}

#[tokio::test]
async fn the_spec_and_the_api_page_are_gzipped_once_and_served_as_written() {
    use std::io::Read;
    each_backend(async |app| {
        for path in ["/api/openapi.json", "/api/docs"] {
            let plain = app.client.get(path).send().await;
            assert_eq!(plain.0.status(), StatusCode::OK, "{path}");
            assert!(plain.0.headers().get("content-encoding").is_none(), "{path}");
            let plain = plain.0.into_body().into_bytes().await.unwrap();
            for _ in 0..2 {
                let resp = app.client.get(path).header("Accept-Encoding", "gzip, deflate, br").send().await;
                assert_eq!(resp.0.status(), StatusCode::OK, "{path}");
                let codings: Vec<_> = resp.0.headers().get_all("content-encoding").iter().collect();
                assert_eq!(codings, ["gzip"], "{path}: compressed once, not again as it is sent");
                assert!(
                    resp.0.headers().get_all("vary").iter().any(|v| v.to_str().unwrap().contains("accept-encoding"))
                );
                let gz = resp.0.into_body().into_bytes().await.unwrap();
                assert!(gz.len() * 3 < plain.len(), "{path}: {} of {} bytes", gz.len(), plain.len());
                let mut unzipped = Vec::new();
                flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
                assert_eq!(unzipped, plain, "{path}");
            }
            let refused = app.client.get(path).header("Accept-Encoding", "gzip;q=0").send().await;
            assert!(refused.0.headers().get("content-encoding").is_none(), "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_app_files_are_gzipped_once_and_again_when_they_change() {
    use std::io::Read;
    each_backend(async |app| {
        let unzip = |gz: &[u8]| {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(gz).read_to_end(&mut out).unwrap();
            out
        };
        let file = app.pwa_dir.join("assets/app-1a2b3c.js");
        let first = std::fs::read(&file).unwrap();
        for _ in 0..2 {
            let resp = app.client.get("/assets/app-1a2b3c.js").header("Accept-Encoding", "gzip").send().await;
            assert_eq!(resp.0.status(), StatusCode::OK);
            let codings: Vec<_> = resp.0.headers().get_all("content-encoding").iter().collect();
            assert_eq!(codings, ["gzip"], "compressed once, not again as it is sent");
            assert_eq!(unzip(&resp.0.into_body().into_bytes().await.unwrap()), first);
        }
        // A new build in place: the new file, not the gzip of the old one.
        let changed = [first.as_slice(), b"\nconsole.log('a new build');\n"].concat();
        std::fs::write(&file, &changed).unwrap();
        let resp = app.client.get("/assets/app-1a2b3c.js").header("Accept-Encoding", "gzip").send().await;
        assert_eq!(unzip(&resp.0.into_body().into_bytes().await.unwrap()), changed);
        // An image is sent as it is.
        std::fs::write(app.pwa_dir.join("icon.png"), b"\x89PNG\r\n\x1a\n....").unwrap();
        let resp = app.client.get("/icon.png").header("Accept-Encoding", "gzip").send().await;
        assert_eq!(resp.0.status(), StatusCode::OK);
        assert!(resp.0.headers().get("content-encoding").is_none());
        // Revalidation still answers 304 without a body.
        let resp = app.client.get("/assets/app-1a2b3c.js").header("Accept-Encoding", "gzip").send().await;
        let etag = resp.0.headers()["etag"].clone();
        let resp = app
            .client
            .get("/assets/app-1a2b3c.js")
            .header("Accept-Encoding", "gzip")
            .header("If-None-Match", etag.to_str().unwrap())
            .send()
            .await;
        assert_eq!(resp.0.status(), StatusCode::NOT_MODIFIED);
    })
    .await;
}
