//! `zonelint server` driven over standard input and output as an editor
//! drives it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::folder;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for others.
    seen: Vec<Value>,
}

const WAIT: Duration = Duration::from_secs(20);

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    fn start(root: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zonelint"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages: rx,
            next_id: 1,
            seen: Vec::new(),
        };
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": uri(root), "name": "zones" }],
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "zonelint", "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The first message (already seen or coming) that `matches`.
    fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&matches) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self
                .messages
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(m) if matches(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no such message; seen: {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server exited; seen: {:#?}", self.seen)
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "zone", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test leaves no server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `(code, start line, start character, end character)` of diagnostics.
fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64)> {
    let mut out: Vec<(String, u64, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["range"]["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

const HEAD: &str = "$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n";

/// Diagnostics with UTF-16 ranges after non-ASCII text, updates after an
/// edit, a cross-zone finding from a file on disk with its related
/// information, a quick fix that adds the trailing dot, formatting equal
/// to `zonelint fmt -`, shutdown and exit.
#[test]
fn an_editor_session() {
    let other = "$ORIGIN example.net.\n$TTL 1h\n@ SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300\n@ NS ns1.example.com.\nmail CNAME relay.example.net.\nrelay A 192.0.2.25\n";
    let dir = folder(&[("example.net.zone", other)]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("example.com.zone");
    let doc = uri(&path);
    // Not on disk: only the editor has it.
    let text =
        format!("{HEAD}caf\u{e9}\u{1F600} IN MX 10 mail.example.com\n@ MX 20 mail.example.net.\n");
    let mut client = Client::start(
        &root,
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    // It asks to be told when zone files and configurations change.
    let register = client.wait_for(|m| m["method"] == "client/registerCapability");
    let watchers = &register["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(
        watchers
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["globPattern"] == "**/zonelint.toml"),
        "{register}"
    );
    client.send(json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));
    client.open(&doc, &text);
    let found = client.diagnostics(&doc, 1);
    assert_eq!(
        summary(&found),
        [
            ("mx-missing-trailing-dot".to_owned(), 5, 16, 32),
            ("mx-target-cname".to_owned(), 6, 8, 25),
            ("owner-invalid-hostname".to_owned(), 5, 0, 6),
        ],
        "UTF-16: é is one unit, the emoji two: {found:#?}"
    );
    let cname = found
        .iter()
        .find(|d| d["code"] == "mx-target-cname")
        .unwrap();
    assert_eq!(cname["source"], "zonelint");
    assert_eq!(cname["severity"], 1);
    assert!(cname["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("docs/rules.md#mx-target-cname"));
    let related = &cname["relatedInformation"][0];
    assert_eq!(
        related["location"]["uri"],
        uri(&root.join("example.net.zone")),
        "{cname}"
    );
    assert_eq!(related["location"]["range"]["start"]["line"], 4);

    // The quick fix of the missing dot.
    let dot = found
        .iter()
        .find(|d| d["code"] == "mx-missing-trailing-dot")
        .unwrap()
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": doc }, "range": dot["range"], "context": { "diagnostics": [dot] } }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = fix["edit"]["changes"][&doc].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{fix}");
    assert_eq!(edits[0]["newText"], ".");
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 5, "character": 32 })
    );
    assert!(actions.iter().any(|a| a["title"]
        .as_str()
        .unwrap()
        .starts_with("Allow `mx-missing-trailing-dot`")));
    assert!(
        actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.zonelint"),
        "{actions:#?}"
    );

    // The edit, applied: that finding goes, the others stay.
    let fixed = text.replace("mail.example.com\n", "mail.example.com.\n");
    client.change(&doc, 2, &fixed);
    let found = client.diagnostics(&doc, 2);
    assert_eq!(
        summary(&found)
            .iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>(),
        [
            "mx-target-cname",
            "mx-target-dangling",
            "owner-invalid-hostname"
        ],
        "with the dot, `mail.example.com.` is judged: it has no address"
    );

    // A zonelint.toml written on disk applies at the next lint.
    std::fs::write(
        root.join("zonelint.toml"),
        "[lint]\nignore = [\"owner-invalid-hostname\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&root.join("zonelint.toml")), "type": 1 }] }),
    );
    let found = client.diagnostics(&doc, 2);
    assert_eq!(
        summary(&found)
            .iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>(),
        ["mx-target-cname", "mx-target-dangling"]
    );
    std::fs::remove_file(root.join("zonelint.toml")).unwrap();

    // Formatting is `zonelint fmt -`.
    let formatted = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let edits = formatted["result"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{formatted}");
    let mut fmt = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["fmt", "-", "--stdin-filename"])
        .arg(&path)
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    fmt.stdin
        .take()
        .unwrap()
        .write_all(fixed.as_bytes())
        .unwrap();
    let expected = fmt.wait_with_output().unwrap();
    assert_eq!(
        edits[0]["newText"].as_str().unwrap(),
        String::from_utf8(expected.stdout).unwrap()
    );
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );

    // Hover on a record type.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 6, "character": 3 } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**MX** (type 15)"),
        "{hover}"
    );
    assert_eq!(client.finish(), Some(0));
}

/// Garbage documents and nonsense from the client are answered, never a
/// crash; positions in UTF-8 when the client offers it.
#[test]
fn garbage_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(
        &root,
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
    );
    let doc = uri(&root.join("db.garbage"));
    let mut garbage = String::new();
    for i in 0..2000u32 {
        garbage.push(char::from_u32(0x20 + (i * 7919) % 0x2000).unwrap_or('x'));
        if i % 97 == 0 {
            garbage.push_str("\n( \" $INCLUDE ; \\");
        }
    }
    garbage.push_str(&"x".repeat(100_000));
    client.open(&doc, &garbage);
    let found = client.diagnostics(&doc, 1);
    assert!(found.iter().any(|d| d["code"] == "syntax"), "{found:?}");
    client.send_raw(b"{this is not json");
    let e = client.wait_for(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700);
    let r = client.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = client.request("textDocument/formatting", json!({ "nonsense": true }));
    assert_eq!(r["error"]["code"], -32602);
    let r = client.request("textDocument/hover", json!({ "textDocument": { "uri": "file:///not/open" }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r["error"]["code"], -32602);
    // UTF-8 columns: é is two bytes.
    let doc2 = uri(&root.join("example.com.zone"));
    client.open(&doc2, &format!("{HEAD}\u{e9} IN MX 10 mail.example.com\n"));
    let found = client.diagnostics(&doc2, 1);
    assert!(
        summary(&found).contains(&("mx-missing-trailing-dot".to_owned(), 5, 12, 28)),
        "{found:#?}"
    );
    // Formatting a file with syntax errors: no edits, and a message.
    let r = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(client.finish(), Some(0));
}

/// `zonelint/zoneFiles` lists the workspace's zone files, those only a
/// `named.conf` names included, for a client to set their file type.
#[test]
fn zone_files_named_by_a_server_configuration() {
    let zone = format!("{HEAD}www A 192.0.2.80\n");
    let dir = folder(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (
            "named.conf",
            "zone \"example.com\" { type primary; file \"/etc/bind/zones/website\"; };\n",
        ),
        ("zones/website", &zone),
        ("zones/notes.txt", "not a zone\n"),
        ("db.other", &zone.replace("example.com.", "other.example.")),
    ]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut client = Client::start(&root, json!({}));
    let r = client.request("zonelint/zoneFiles", Value::Null);
    let files: Vec<&str> = r["result"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            uri(&root.join("db.other")),
            uri(&root.join("zones/website"))
        ],
        "{r}"
    );
    assert_eq!(client.finish(), Some(0));
}

/// Applies LSP text edits (UTF-16 positions of an ASCII text) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let at = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        starts.get(line).map_or(text.len(), |s| {
            s + p["character"].as_u64().unwrap() as usize
        })
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                at(&e["range"]["start"]),
                at(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut from = 0;
    for (s, e, new) in spans {
        out.push_str(&text[from..s]);
        out.push_str(new);
        from = e;
    }
    out.push_str(&text[from..]);
    out
}

/// Range formatting changes the blocks the range touches, as `zonelint fmt`
/// formats them, and nothing else.
#[test]
fn range_formatting_by_block() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("example.com.zone");
    let text = "$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN   NS ns1\nns1 IN   A 192.0.2.53\n\n; mail\nmail   IN A 192.0.2.25\n@ IN    MX   10    mail\n\nwww IN    A   192.0.2.80\n";
    std::fs::write(&path, text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let doc = uri(&path);
    client.open(&doc, text);
    client.diagnostics(&doc, 1);
    let full = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": doc }, "options": { "tabSize": 8, "insertSpaces": false } }),
    );
    let formatted = apply(text, full["result"].as_array().unwrap());
    let block = |t: &str, i: usize| t.split("\n\n").nth(i).unwrap().to_owned();
    assert_ne!(
        block(&formatted, 1),
        block(text, 1),
        "the fixture is unformatted"
    );
    // A range inside the second block (the MX line, part of it).
    let r = client.request(
        "textDocument/rangeFormatting",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": { "line": 8, "character": 2 }, "end": { "line": 8, "character": 5 } },
            "options": { "tabSize": 8, "insertSpaces": false },
        }),
    );
    let edits = r["result"].as_array().unwrap();
    assert!(!edits.is_empty(), "{r}");
    for e in edits {
        let (s, end) = (&e["range"]["start"]["line"], &e["range"]["end"]["line"]);
        assert!(
            s.as_u64().unwrap() >= 6 && end.as_u64().unwrap() <= 9,
            "{e}"
        );
    }
    let partly = apply(text, edits);
    assert_eq!(block(&partly, 0), block(text, 0));
    assert_eq!(block(&partly, 1), block(&formatted, 1));
    assert_eq!(block(&partly, 2), block(text, 2));
    // A range over everything is the whole formatting.
    let r = client.request(
        "textDocument/rangeFormatting",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 11, "character": 0 } },
            "options": { "tabSize": 8, "insertSpaces": false },
        }),
    );
    assert_eq!(apply(text, r["result"].as_array().unwrap()), formatted);
    assert_eq!(client.finish(), Some(0));
}
