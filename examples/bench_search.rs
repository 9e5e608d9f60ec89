//! Measures search in headless Chromium on a built site, for
//! `scripts/bench-search.sh`: per query the first results, how long after
//! the last keystroke they appear, and which files the query fetched.
//!
//! ```text
//! bench_search [--pagefind] [--runs N] OUTPUT MOUNT PAGE QUERY...
//! ```
//! `OUTPUT` is the built site, served at `MOUNT` (its base path, `/kb/`);
//! `PAGE` the page to search from (`` or `en/`). Prints one line per query:
//! `query<TAB>first titles<TAB>warm ms<TAB>cold ms<TAB>fetched paths`.
//!
//! touchbase: the query is typed into the header box. Warm: the index's
//! name list is loaded (it loads on focus) and the query is typed but for
//! its last letter; the time runs from that key's `keydown` to the
//! results in the page (the median of `--runs`). Cold: a fresh page, the
//! whole query typed at once, from the first `keydown` on.
//! `--pagefind`: the same queries through Pagefind's JavaScript API
//! (`pagefind.search`, then `data()` of the first 8 results, as its UI
//! shows them), timed from the call.

#[allow(dead_code)]
#[path = "../tests/browser/server.rs"]
mod server;
// What the WebDriver client reports when the browser is missing.
#[allow(dead_code)]
#[path = "../tests/common/skip.rs"]
mod skip;
#[allow(dead_code)]
#[path = "../tests/browser/webdriver.rs"]
mod webdriver;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use server::Server;
use webdriver::{Browser, Options};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let pagefind = take_flag(&mut args, "--pagefind");
    let runs = take_value(&mut args, "--runs").unwrap_or(5);
    if args.len() < 4 {
        eprintln!("usage: bench_search [--pagefind] [--runs N] OUTPUT MOUNT PAGE QUERY...");
        return ExitCode::from(2);
    }
    if !webdriver::available() {
        return ExitCode::from(2);
    }
    let (out, mount, page) = (PathBuf::from(&args[0]), &args[1], &args[2]);
    let server = Server::start(&out, mount);
    let browser = Browser::start(&Options::default());
    for query in &args[3..] {
        let line = if pagefind {
            pagefind_query(&browser, &server, page, query)
        } else {
            touchbase_query(&browser, &server, page, query, runs)
        };
        println!("{line}");
    }
    ExitCode::SUCCESS
}

fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let found = args.iter().position(|a| a == flag);
    found.inspect(|&i| {
        args.remove(i);
    });
    found.is_some()
}

fn take_value(args: &mut Vec<String>, flag: &str) -> Option<usize> {
    let i = args.iter().position(|a| a == flag)?;
    args.remove(i);
    Some(args.remove(i).parse().expect("a number"))
}

/// In-page hooks: the time of the next `keydown` in the box, and of the
/// first update of the suggestions that belongs to `query` (the client
/// sets the "all results" link in the same step as the list).
const HOOKS: &str = "
    const q = arguments[0], input = document.querySelector('#search-q');
    const all = document.querySelector('.search-all');
    window.__bench = {};
    input.addEventListener('keydown', () => { window.__bench.key ??= performance.now(); }, { capture: true });
    new MutationObserver(() => {
      if (all.href.endsWith('?q=' + encodeURIComponent(q))) window.__bench.done ??= performance.now();
    }).observe(all, { attributes: true });";

const DONE: &str = "window.__bench.done && [window.__bench.done - window.__bench.key,
    [...document.querySelectorAll('#search-list .search-title')].slice(0, 3).map(e => e.textContent)]";

fn touchbase_query(b: &Browser, server: &Server, page: &str, query: &str, runs: usize) -> String {
    // Cold: a fresh page, names list and all.
    b.goto(&server.url(page));
    server.take_log();
    b.run(HOOKS, json!([query]));
    let input = b.find("#search-q");
    b.send_keys(&input, query);
    let cold = b.wait_for(DONE, "cold results");
    // Let the snippets arrive, then see what the query fetched.
    b.wait_for(
        "[...document.querySelectorAll('#search-list .search-snippet')].length > 0 || document.querySelector('#search-list li') === null",
        "snippets",
    );
    let fetched: Vec<String> = server
        .take_log()
        .into_iter()
        .filter(|p| p.contains("/search/"))
        .collect();
    let mut warm: Vec<f64> = Vec::new();
    let (head, last) = query.split_at(query.len() - query.chars().last().map_or(0, char::len_utf8));
    for _ in 0..runs {
        b.goto(&server.url(page));
        let input = b.find("#search-q");
        b.click(&input);
        b.run_async(
            "const done = arguments[0];
             touchbaseSearch.open(document.querySelector('form[data-search]').dataset.index).then(() => done(true));",
            json!([]),
        );
        if !head.is_empty() {
            b.send_keys(&input, head);
            b.wait_for(
                &format!(
                    "document.querySelector('.search-all').href.endsWith('?q=' + encodeURIComponent({}))",
                    json!(head)
                ),
                "results of all but the last letter",
            );
        }
        b.run(HOOKS, json!([query]));
        b.send_keys(&input, last);
        let done = b.wait_for(DONE, "warm results");
        warm.push(done[0].as_f64().unwrap_or(f64::NAN));
    }
    warm.sort_by(f64::total_cmp);
    let median = warm.get(warm.len() / 2).copied().unwrap_or(f64::NAN);
    format!(
        "{query}\t{}\t{median:.1}\t{:.1}\t{}",
        titles(&cold[1]),
        cold[0].as_f64().unwrap_or(f64::NAN),
        fetched.join(",")
    )
}

fn pagefind_query(b: &Browser, server: &Server, page: &str, query: &str) -> String {
    b.goto(&server.url(page));
    server.take_log();
    let found = b.run_async(
        "const [url, q, done] = arguments;
         import(url).then(async pf => {
           const t0 = performance.now();
           const r = await pf.search(q);
           const data = await Promise.all(r.results.slice(0, 8).map(x => x.data()));
           done([performance.now() - t0, data.slice(0, 3).map(d => d.meta.title)]);
         }).catch(e => done([null, [String(e)]]));",
        json!([server.url("pagefind/pagefind.js"), query]),
    );
    let fetched: Vec<String> = server
        .take_log()
        .into_iter()
        .filter(|p| p.contains("/pagefind/"))
        .collect();
    format!(
        "{query}\t{}\t-\t{:.1}\t{}",
        titles(&found[1]),
        found[0].as_f64().unwrap_or(f64::NAN),
        fetched.join(",")
    )
}

/// The titles joined with ` · `, or `(none)`.
fn titles(list: &Value) -> String {
    let found: Vec<&str> = list
        .as_array()
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if found.is_empty() {
        "(none)".to_string()
    } else {
        found.join(" · ")
    }
}
