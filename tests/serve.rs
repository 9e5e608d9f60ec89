//! `touchbase serve` end to end: the real binary on a free port against a
//! copy of a fixture site. What is served, what is refused, and what an
//! open page hears when a file is edited, broken and fixed.

#[path = "serve/client.rs"]
mod client;
#[path = "serve/stalled.rs"]
mod stalled;
// Only `copy_dir` is needed here.
#[allow(dead_code)]
#[path = "common/files.rs"]
mod files;

use std::path::Path;

use client::{Serve, after_reload, command, run_to_end};

const PAGE: &str = "/glossary/crm/";
const TERM: &str = "content/glossary/crm.md";

fn term(body: &str) -> String {
    format!(
        "+++\ntitle = \"Kundenbeziehungsmanagement\"\ndescription = \"Systematische Pflege der Kundenbeziehungen.\"\nabbreviation = \"CRM\"\n+++\n\n{body}\n"
    )
}

#[test]
fn serves_pages_with_types_heads_and_the_site_404() {
    let serve = Serve::start("basic");
    let page = serve.get(PAGE);
    assert_eq!(page.status, 200, "{}", page.head);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("Ein CRM-System speichert"),
        "{}",
        page.body
    );
    // Built for the local address, not the configured base_url.
    let canonical = format!(
        "<link rel=\"canonical\" href=\"http://127.0.0.1:{}/glossary/crm/\">",
        serve.port
    );
    assert!(page.body.contains(&canonical), "{}", page.body);
    assert!(page.body.contains("<script src=\"/__touchbase/live.js\""));
    assert!(
        !serve.root().join("public").exists(),
        "serve wrote into the site"
    );

    for (path, expected) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/touchpoints.json", "application/json; charset=utf-8"),
        ("/touchpoints.csv", "text/csv; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__touchbase/live.js", "text/javascript; charset=utf-8"),
    ] {
        let response = serve.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("Content-Type"), Some(expected), "{path}");
        assert_eq!(response.header("X-Content-Type-Options"), Some("nosniff"));
    }

    let head = serve.request("HEAD", PAGE);
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(head.header("Content-Length"), page.header("Content-Length"));

    let missing = serve.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let site_404 = std::fs::read_to_string(serve.output().join("404.html")).unwrap();
    let title = site_404.lines().find(|l| l.starts_with("<title>")).unwrap();
    assert!(missing.body.contains(title), "{}", missing.body);
    // A folder without index.html is not listed: the 404 page instead.
    let assets = serve.get("/assets/");
    assert_eq!(assets.status, 404);
    assert!(assets.body.contains(title), "{}", assets.body);

    let folder = serve.get("/glossary?sort=a");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/glossary/?sort=a"));
}

#[test]
fn refuses_what_it_must_not_serve() {
    let serve = Serve::start("basic");
    let secret = "TOP-SECRET-OUTSIDE";
    std::fs::write(serve.dir.path().join("tmp/secret.txt"), secret).unwrap();
    std::fs::write(serve.dir.path().join("secret.txt"), secret).unwrap();
    for target in [
        "/../../secret.txt",
        "/../../../secret.txt",
        "/glossary/../../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2E/%2e%2e/secret.txt",
        "/.%2e/.%2e/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/%2fetc%2fpasswd",
        "/..\\..\\secret.txt",
        "/%5c..%5c..%5csecret.txt",
        "/secret.txt%00.html",
    ] {
        let response = serve.get(target);
        assert!(
            [400, 403, 404].contains(&response.status),
            "{target}: {}",
            response.head
        );
        assert!(!response.body.contains(secret), "{target}");
    }

    // Symlinks inside the output that lead outside it.
    #[cfg(unix)]
    {
        let out = serve.output();
        std::os::unix::fs::symlink(serve.dir.path().join("secret.txt"), out.join("leak.txt"))
            .unwrap();
        std::os::unix::fs::symlink(serve.dir.path(), out.join("up")).unwrap();
        for target in ["/leak.txt", "/up/secret.txt", "/up/"] {
            let response = serve.get(target);
            assert_eq!(response.status, 403, "{target}");
            assert!(!response.body.contains(secret), "{target}");
        }
    }

    let post = serve.raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    assert_eq!(serve.request("DELETE", PAGE).status, 405);

    // Malformed requests get 400 (or 431, 505) and the server keeps going.
    let long = format!("GET /{} HTTP/1.1\r\nHost: a\r\n\r\n", "a".repeat(20_000));
    for (request, status) in [
        (&b"GARBAGE\r\n\r\n"[..], 400),
        (b"GET / HTTP/1.1\r\n\r\n", 400),
        (b"GET relative HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: a\r\nBroken header\r\n\r\n", 400),
        (b"\x00\xff\xfe\r\n\r\n", 400),
        (b"GET / HTTP/9.9\r\nHost: a\r\n\r\n", 505),
        (long.as_bytes(), 431),
    ] {
        assert_eq!(
            serve.raw(request).status,
            status,
            "{}",
            String::from_utf8_lossy(request)
        );
    }
    // A request cut short: the server answers 400 once the client is done.
    assert_eq!(serve.raw(b"GET / HTTP/1.1\r\nHost: a").status, 400);
    assert_eq!(serve.get(PAGE).status, 200);

    // Only local host names, against DNS rebinding.
    let foreign = serve.raw(b"GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n");
    assert_eq!(foreign.status, 403);
}

#[test]
fn edits_reload_open_pages_and_errors_show_until_fixed() {
    let serve = Serve::start("basic");
    let mut events = serve.events(PAGE);
    let file = serve.root().join(TERM);

    std::fs::write(&file, term("Erste Fassung LIVE-EDIT-1.")).unwrap();
    let edited = after_reload(&mut events, || {
        let page = serve.get(PAGE);
        page.body.contains("LIVE-EDIT-1").then_some(page)
    });
    assert!(!edited.body.contains("touchbase-overlay"));

    // A broken edit: the last good page stays, with the errors on top,
    // on every page.
    let broken = "+++\ntitel = \"CRM\"\n+++\n\nKaputt LIVE-EDIT-BROKEN.\n";
    std::fs::write(&file, broken).unwrap();
    let shown = after_reload(&mut events, || {
        let page = serve.get(PAGE);
        page.body.contains("touchbase-overlay").then_some(page)
    });
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("LIVE-EDIT-1"),
        "the last good page: {}",
        shown.body
    );
    assert!(!shown.body.contains("LIVE-EDIT-BROKEN"));
    assert!(
        shown.body.contains("content/glossary/crm.md:2:1"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("= hint:"), "{}", shown.body);
    let other = serve.get("/about/");
    assert!(other.body.contains("touchbase-overlay"));
    assert!(
        serve
            .get("/no/such/page/")
            .body
            .contains("touchbase-overlay")
    );

    // The fix, saved the way many editors save: a temporary file renamed
    // over the real one.
    let temporary = file.with_extension("md.tmp");
    std::fs::write(&temporary, term("Zweite Fassung LIVE-EDIT-2.")).unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    let fixed = after_reload(&mut events, || {
        let page = serve.get(PAGE);
        page.body.contains("LIVE-EDIT-2").then_some(page)
    });
    assert!(!fixed.body.contains("touchbase-overlay"), "{}", fixed.body);
    assert!(!serve.get("/about/").body.contains("touchbase-overlay"));
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let broken = "+++\ntitel = \"CRM\"\n+++\n";
    let serve = Serve::start_with("basic", |site| {
        std::fs::write(site.join(TERM), broken).unwrap()
    });
    // No good build yet: every address shows the errors.
    let home = serve.get("/");
    assert_eq!(home.status, 404);
    assert!(home.body.contains("touchbase-overlay"), "{}", home.body);
    assert!(
        home.body.contains("content/glossary/crm.md:2:1"),
        "{}",
        home.body
    );
    let mut events = serve.events("/");
    std::fs::write(serve.root().join(TERM), term("Repariert.")).unwrap();
    let fixed = after_reload(&mut events, || {
        let page = serve.get("/");
        (page.status == 200).then_some(page)
    });
    assert!(!fixed.body.contains("touchbase-overlay"));
}

#[test]
fn new_and_deleted_files_and_stylesheets() {
    let serve = Serve::start("basic");
    let mut events = serve.events("/glossary/");
    let new = serve.root().join("content/glossary/neuer-begriff.md");
    std::fs::write(&new, "+++\ntitle = \"Neuer Begriff\"\ndescription = \"Frisch angelegt.\"\n+++\n\nNEW-TERM-BODY\n").unwrap();
    after_reload(&mut events, || {
        let page = serve.get("/glossary/neuer-begriff/");
        (page.status == 200 && page.body.contains("NEW-TERM-BODY")).then_some(())
    });
    std::fs::remove_file(&new).unwrap();
    after_reload(&mut events, || {
        (serve.get("/glossary/neuer-begriff/").status == 404).then_some(())
    });

    // A stylesheet of the site's own: changing it only swaps stylesheets.
    let css = serve.root().join("static/assets/extra.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "body { color: red }\n").unwrap();
    after_reload(&mut events, || {
        serve
            .get("/assets/extra.css")
            .body
            .contains("red")
            .then_some(())
    });
    std::fs::write(&css, "body { color: blue }\n").unwrap();
    assert_eq!(events.next().as_deref(), Some("css"));
    assert!(serve.get("/assets/extra.css").body.contains("blue"));
}

#[test]
fn a_build_never_contains_the_live_reload_snippet() {
    let dir = tempfile::tempdir().unwrap();
    files::copy_dir(
        &Path::new(client::FIXTURES).join("basic"),
        &dir.path().join("site"),
    );
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .args(["build", "--root"])
        .arg(dir.path().join("site"))
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let mut html = 0;
    for entry in walk(&dir.path().join("site/public")) {
        let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).into_owned();
        html += usize::from(entry.extension().is_some_and(|e| e == "html"));
        assert!(!text.contains("__touchbase"), "{}", entry.display());
        assert!(!text.contains("touchbase-overlay"), "{}", entry.display());
    }
    assert!(html > 10, "only {html} pages built");
}

#[test]
fn a_port_in_use_is_an_error_with_a_hint() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    files::copy_dir(
        &Path::new(client::FIXTURES).join("basic"),
        &dir.path().join("site"),
    );
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let ended = run_to_end(command(dir.path(), &["--port", &port]));
    assert_eq!(ended.status, Some(2));
    let stderr = &ended.stderr;
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[test]
fn serve_without_touchbase_toml_is_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("site/content")).unwrap();
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let ended = run_to_end(command(dir.path(), &["--port", "0"]));
    assert_eq!(ended.status, Some(2), "{}", ended.stderr);
    let site = dir.path().join("site").canonicalize().unwrap();
    assert_eq!(
        ended.stderr,
        format!(
            "error: no touchbase.toml in {}\n  hint: run `touchbase init` to create a site, or pass --root with the site folder\n",
            site.display()
        )
    );
    assert_eq!(ended.stdout, "");
    assert_eq!(
        std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
        0,
        "no preview folder is made"
    );
}

#[test]
fn drafts_are_served_only_with_the_drafts_option() {
    const DRAFT: &str = "/glossary/entwurf/";
    let plain = Serve::start("basic");
    assert_eq!(plain.get(DRAFT).status, 404);
    assert!(!plain.get("/glossary/").body.contains("Entwurfsbegriff"));
    drop(plain);
    let drafts = Serve::start_args("basic", |_| {}, &["--drafts"]);
    let page = drafts.get(DRAFT);
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(page.body.contains("Dieser Begriff ist noch in Arbeit."));
    assert!(
        drafts
            .get("/glossary/")
            .body
            .contains("<a href=\"/glossary/entwurf/\">Entwurfsbegriff</a>")
    );
}

#[test]
fn bind_every_interface_answers_other_host_names() {
    let serve = Serve::start_args("basic", |_| {}, &["--bind", "0.0.0.0"]);
    // Reached locally through the loopback address, which links name.
    assert_eq!(serve.host, "127.0.0.1");
    let page = serve.get(PAGE);
    assert!(
        page.body.contains(&format!(
            "<link rel=\"canonical\" href=\"http://127.0.0.1:{}/glossary/crm/\">",
            serve.port
        )),
        "{}",
        page.body
    );
    // A phone asks for the machine's name or LAN address: answered, where
    // the default loopback binding refuses it (see above).
    let request = format!(
        "GET {PAGE} HTTP/1.1\r\nHost: 192.168.1.20:{}\r\n\r\n",
        serve.port
    );
    assert_eq!(serve.raw(request.as_bytes()).status, 200);
}

/// Every 127.x.y.z is a loopback address on Linux (not on every system).
#[cfg(target_os = "linux")]
#[test]
fn bind_chooses_the_address() {
    let serve = Serve::start_args("basic", |_| {}, &["--bind", "127.0.0.2"]);
    assert_eq!(serve.host, "127.0.0.2");
    let page = serve.get(PAGE);
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(
        page.body.contains(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            serve.url(PAGE)
        )),
        "{}",
        page.body
    );
}

/// `--open` runs the desktop's opener (`xdg-open` here) with the address;
/// a stand-in on `PATH` hands its arguments over through a named pipe.
#[cfg(target_os = "linux")]
#[test]
fn open_opens_the_address_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let pipe = bin.path().join("opened");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", pipe.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (sender, opened) = std::sync::mpsc::channel();
    let reader = pipe.clone();
    std::thread::spawn(move || {
        let _ = sender.send(std::fs::read_to_string(reader));
    });
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let serve = Serve::start_command(
        "basic",
        |_| {},
        &["--open"],
        |c| {
            c.env("PATH", &path);
        },
    );
    let args = opened
        .recv_timeout(client::PATIENCE)
        .expect("the opener ran")
        .expect("reading what it was given");
    assert_eq!(args, format!("{}\n", serve.url("/")));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
