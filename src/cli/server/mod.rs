//! `zonelint server`: a Language Server Protocol server over standard input
//! and output (lsp-server's message types, lsp-types' protocol types).
//!
//! - Diagnostics on open, change (after a short pause: edits that come
//!   faster are linted once, and a lint whose documents changed while it
//!   ran is dropped, never published) and save, from the same `Workspace`
//!   as `zonelint check`: each workspace folder holding an open document
//!   is planned as `zonelint check FOLDER` plans it, with open buffers read
//!   instead of their files, so configuration, server configurations,
//!   `$INCLUDE` and cross-zone judgment are those of CI. Configurations are
//!   read again on every lint, so an edited `zonelint.toml` applies at once.
//! - Code actions: each fix as a quick fix (unsafe ones labelled), "allow
//!   this rule here", and `source.fixAll.zonelint` (the safe fixes, proven
//!   as `--fix` proves them).
//! - Formatting: the verified formatter of `zonelint fmt`; range formatting
//!   by block (the changes to the blocks the range touches).
//! - Hover: a rule's documentation on its finding or on its code in an
//!   `allow(...)`; one line on a record type's mnemonic.
//!
//! Linting runs on its own thread, so requests are answered while a large
//! zone is checked; a handler that fails answers an error, the session goes
//! on.

// lsp-types keys its maps by `Uri`, whose parsed form caches positions in
// a `Cell`; its `Hash` and `Eq` read only the text, which never changes.
#![allow(clippy::mutable_key_type)]

mod analysis;
mod convert;
mod hover;
mod transport;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{select, Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentFormattingParams,
    DocumentRangeFormattingParams, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, MessageType, OneOf, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextEdit, Uri, WorkspaceEdit,
};

use self::analysis::{Doc, DocFindings};
use self::transport::{Incoming, Outgoing};
use crate::source::{Encoding, SourceFile};

/// How long the server waits after an edit before linting (edits that come
/// within it are linted together).
const PAUSE: Duration = Duration::from_millis(10);

/// An open document, as a file, and its verified formatting.
type Formatted = (Doc, Arc<SourceFile>, Vec<u8>);

/// `zonelint/zoneFiles`: the zone files of the workspace folders, those a
/// `named.conf` names included, for a client to give them its zone file
/// type (`{ "files": [uri, ...] }`).
const ZONE_FILES: &str = "zonelint/zoneFiles";

/// The kind of the "fix all" action.
const FIX_ALL: &str = "source.fixAll.zonelint";

/// The server's state.
struct Server {
    out: Sender<Outgoing>,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    docs: HashMap<Uri, Doc>,
    /// Bumped by every change of the documents.
    generation: u64,
    /// Set when the documents changed and are not linted yet.
    due: Option<Instant>,
    /// The generation of the lint running, if one is.
    running: Option<u64>,
    /// The findings last published, per document.
    published: HashMap<Uri, DocFindings>,
    shutdown: bool,
}

/// Runs the server on standard input and output; returns the exit code
/// (0 after `shutdown` then `exit`, 1 when the client went away first).
pub fn run() -> i32 {
    let (in_tx, in_rx) = crossbeam_channel::unbounded::<Incoming>();
    let (out_tx, out_rx) = crossbeam_channel::unbounded::<Outgoing>();
    std::thread::spawn(move || transport::read_loop(std::io::stdin().lock(), in_tx));
    let writer =
        std::thread::spawn(move || transport::write_loop(std::io::stdout().lock(), out_rx));
    let code = serve(in_rx, out_tx);
    let _ = writer.join();
    code
}

/// The whole session: `initialize`, then messages until `exit`.
pub fn serve(input: Receiver<Incoming>, out: Sender<Outgoing>) -> i32 {
    // Before `initialize`, requests are answered `ServerNotInitialized`.
    let params: InitializeParams = loop {
        let Ok(incoming) = input.recv() else { return 1 };
        match incoming {
            Incoming::Message(Message::Request(req)) if req.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(req.params.clone()) {
                    Ok(params) => {
                        let encoding = negotiate(&params);
                        let result = InitializeResult {
                            capabilities: capabilities(encoding),
                            server_info: Some(ServerInfo {
                                name: "zonelint".to_owned(),
                                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                            }),
                        };
                        let _ = out.send(Outgoing::Message(Message::Response(Response::new_ok(
                            req.id, result,
                        ))));
                        break params;
                    }
                    Err(e) => respond_err(&out, req.id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            Incoming::Message(Message::Request(req)) => respond_err(
                &out,
                req.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".to_owned(),
            ),
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return 1,
            Incoming::Message(_) => {}
            Incoming::Invalid { id, code, message } => {
                let _ = out.send(transport::invalid(id, code, message));
            }
        }
    };
    if watches(&params) {
        // Files on disk that linting depends on: lint again when they change.
        let globs = [
            "**/zonelint.toml",
            "**/*.zone",
            "**/*.db",
            "**/db.*",
            "**/*.inc",
            "**/named.conf*",
            "**/nsd.conf",
            "**/knot.conf",
        ];
        let watchers: Vec<serde_json::Value> = globs
            .iter()
            .map(|g| serde_json::json!({ "globPattern": g }))
            .collect();
        let register = Request::new(
            RequestId::from("zonelint-watch".to_owned()),
            lsp_types::request::RegisterCapability::METHOD.to_owned(),
            serde_json::json!({ "registrations": [{
                "id": "zonelint-watch",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }] }),
        );
        let _ = out.send(Outgoing::Message(Message::Request(register)));
    }
    let mut server = Server {
        out,
        encoding: negotiate(&params),
        roots: roots(&params),
        docs: HashMap::new(),
        generation: 0,
        due: None,
        running: None,
        published: HashMap::new(),
        shutdown: false,
    };
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<(u64, analysis::Linted)>();
    loop {
        let wait = match (server.due, server.running) {
            (Some(at), None) => at.saturating_duration_since(Instant::now()),
            _ => Duration::from_secs(3600),
        };
        select! {
            recv(input) -> incoming => {
                let Ok(incoming) = incoming else { return 1 };
                if let Some(code) = server.handle(incoming) {
                    return code;
                }
            }
            recv(done_rx) -> done => {
                if let Ok((generation, linted)) = done {
                    server.finished(generation, linted);
                }
            }
            default(wait) => {}
        }
        if server.due.is_some_and(|at| at <= Instant::now()) && server.running.is_none() {
            server.start_lint(&done_tx);
        }
    }
}

fn respond_err(out: &Sender<Outgoing>, id: RequestId, code: ErrorCode, message: String) {
    let _ = out.send(Outgoing::Message(Message::Response(Response::new_err(
        id,
        code as i32,
        message,
    ))));
}

/// UTF-8 when the client offers it (fewer conversions), else UTF-16, the
/// protocol's default.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            _ => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(lsp_types::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(FIX_ALL),
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// True when the client can watch files for the server.
fn watches(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// The workspace folders (else the root), as paths.
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| convert::path_of(&f.uri))
        .collect();
    #[allow(deprecated)]
    if out.is_empty() {
        if let Some(root) = params.root_uri.as_ref().and_then(convert::path_of) {
            out.push(root);
        }
    }
    out
}

/// The params of a message, or an `InvalidParams` answer.
fn params<P: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value.clone()).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

impl Server {
    fn send(&self, message: Message) {
        let _ = self.out.send(Outgoing::Message(message));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<lsp_types::notification::LogMessage>(lsp_types::LogMessageParams {
            typ,
            message,
        });
    }

    /// Handles one message; `Some(code)` ends the session.
    fn handle(&mut self, incoming: Incoming) -> Option<i32> {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                let _ = self.out.send(transport::invalid(id, code, message));
            }
            Incoming::Message(Message::Request(req)) => self.request(req),
            Incoming::Message(Message::Notification(n)) => {
                if n.method == lsp_types::notification::Exit::METHOD {
                    return Some(if self.shutdown { 0 } else { 1 });
                }
                // A handler that panics costs that notification only.
                let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(&n)
                }));
                match handled {
                    Ok(Ok(())) => {}
                    Ok(Err((_, message))) => {
                        self.log(MessageType::WARNING, format!("{}: {message}", n.method))
                    }
                    Err(_) => self.log(
                        MessageType::ERROR,
                        format!("{}: internal error (a zonelint bug)", n.method),
                    ),
                }
            }
            Incoming::Message(Message::Response(_)) => {}
        }
        None
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(&req)));
        let response = match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("{}: internal error (a zonelint bug)", req.method),
            ),
        };
        self.send(Message::Response(response));
    }

    fn answer(&mut self, req: &Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        if self.shutdown {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_owned(),
            ));
        }
        use lsp_types::request::{
            CodeActionRequest, Formatting, HoverRequest, RangeFormatting, Shutdown,
        };
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match req.method.as_str() {
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            Formatting::METHOD => json(serde_json::to_value(self.format(params(&req.params)?)?)),
            RangeFormatting::METHOD => json(serde_json::to_value(
                self.format_range(params(&req.params)?)?,
            )),
            CodeActionRequest::METHOD => json(serde_json::to_value(
                self.code_actions(params(&req.params)?)?,
            )),
            HoverRequest::METHOD => json(serde_json::to_value(self.hover(params(&req.params)?)?)),
            ZONE_FILES => {
                let files =
                    analysis::zone_files(&self.roots).map_err(|e| (ErrorCode::RequestFailed, e))?;
                let uris: Vec<String> = files
                    .iter()
                    .filter_map(|p| convert::uri_of(p))
                    .map(|u| u.as_str().to_owned())
                    .collect();
                Ok(serde_json::json!({ "files": uris }))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("`{other}` is not supported"),
            )),
        }
    }

    fn notification(&mut self, n: &Notification) -> Result<(), (ErrorCode, String)> {
        use lsp_types::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = params(&n.params)?;
                self.open(
                    p.text_document.uri,
                    p.text_document.text.into_bytes(),
                    p.text_document.version,
                );
            }
            DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = params(&n.params)?;
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.open(
                        p.text_document.uri,
                        change.text.into_bytes(),
                        p.text_document.version,
                    );
                }
            }
            DidSaveTextDocument::METHOD => {
                let _: DidSaveTextDocumentParams = params(&n.params)?;
                self.changed();
            }
            DidChangeWatchedFiles::METHOD => self.changed(),
            DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = params(&n.params)?;
                self.docs.remove(&p.text_document.uri);
                self.published.remove(&p.text_document.uri);
                self.notify::<lsp_types::notification::PublishDiagnostics>(
                    PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    },
                );
                self.changed();
            }
            _ => {}
        }
        Ok(())
    }

    /// A document opened or changed.
    fn open(&mut self, uri: Uri, text: Vec<u8>, version: i32) {
        let Some(path) = convert::path_of(&uri) else {
            self.log(
                MessageType::INFO,
                format!("`{}` is not a local file: not checked", uri.as_str()),
            );
            return;
        };
        if text.len() >= crate::source::MAX_SOURCE_LEN {
            self.log(
                MessageType::WARNING,
                format!("`{}` is too large to check", path.display()),
            );
            return;
        }
        self.docs.insert(
            uri.clone(),
            Doc {
                uri,
                path,
                text: Arc::new(text),
                version,
            },
        );
        self.changed();
    }

    /// Something linting depends on changed: lint again after the pause.
    fn changed(&mut self) {
        self.generation += 1;
        self.due = Some(Instant::now() + PAUSE);
    }

    fn start_lint(&mut self, done: &Sender<(u64, analysis::Linted)>) {
        self.due = None;
        let generation = self.generation;
        self.running = Some(generation);
        let docs: Vec<Doc> = self.docs.values().cloned().collect();
        let roots = self.roots.clone();
        let encoding = self.encoding;
        let done = done.clone();
        std::thread::spawn(move || {
            let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analysis::lint(&roots, &docs, encoding)
            }))
            .unwrap_or_else(|_| analysis::Linted {
                docs: Vec::new(),
                problems: vec!["linting failed (a zonelint bug)".to_owned()],
            });
            let _ = done.send((generation, linted));
        });
    }

    /// A lint ended: published when nothing changed meanwhile, else
    /// dropped (the next lint is due).
    fn finished(&mut self, generation: u64, linted: analysis::Linted) {
        self.running = None;
        if generation != self.generation {
            return;
        }
        for problem in linted.problems {
            self.log(MessageType::WARNING, problem);
        }
        for doc in linted.docs {
            if !self.docs.contains_key(&doc.uri) {
                continue;
            }
            self.notify::<lsp_types::notification::PublishDiagnostics>(PublishDiagnosticsParams {
                uri: doc.uri.clone(),
                diagnostics: doc.findings.iter().map(|f| f.diagnostic.clone()).collect(),
                version: Some(doc.version),
            });
            self.published.insert(doc.uri.clone(), doc);
        }
    }

    fn doc(&self, uri: &Uri) -> Result<&Doc, (ErrorCode, String)> {
        self.docs.get(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("`{}` is not open", uri.as_str()),
            )
        })
    }

    /// The open document `uri`, as a file, and its verified formatting
    /// (a [`Formatted`]);
    /// `None` after a message when it cannot be formatted (syntax errors).
    fn formatted(&mut self, uri: &Uri) -> Result<Option<Formatted>, (ErrorCode, String)> {
        let doc = self.doc(uri)?.clone();
        let file = SourceFile::new(&doc.path, doc.text.to_vec());
        let fs = analysis::Overlay::new(std::slice::from_ref(&doc));
        let mut workspace = crate::workspace::Workspace::new(Default::default(), &fs);
        match workspace.format(&file, &doc.path) {
            Ok(Ok(new)) => Ok(Some((doc, file, new))),
            Ok(Err(e)) => {
                self.notify::<lsp_types::notification::ShowMessage>(ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: format!("zonelint: {e}"),
                });
                Ok(None)
            }
            Err(e) => Err((ErrorCode::RequestFailed, e.to_string())),
        }
    }

    fn format(
        &mut self,
        p: DocumentFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>, (ErrorCode, String)> {
        let Some((_, file, new)) = self.formatted(&p.text_document.uri)? else {
            return Ok(None);
        };
        if new == file.text() {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(vec![TextEdit::new(
            convert::whole(&file, self.encoding),
            String::from_utf8_lossy(&new).into_owned(),
        )]))
    }

    /// Range formatting, by block: the verified formatting of the whole
    /// document, of which only the changes to the blocks (runs of lines
    /// between blank lines) the range touches are returned. When those
    /// changes alone would not prove the same records (an entry formatted
    /// across a block's edge), every change is returned.
    fn format_range(
        &mut self,
        p: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>, (ErrorCode, String)> {
        let Some((doc, file, new)) = self.formatted(&p.text_document.uri)? else {
            return Ok(None);
        };
        let old = file.text();
        let lines = |text: &[u8]| -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i + 1);
                out.push((at, end));
                at = end;
            }
            out
        };
        let (old_lines, new_lines) = (lines(old), lines(&new));
        let slice = |text: &'_ [u8], l: &[(usize, usize)]| -> Vec<Vec<u8>> {
            l.iter().map(|&(a, b)| text[a..b].to_vec()).collect()
        };
        let (a, b) = (slice(old, &old_lines), slice(&new, &new_lines));
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
        // The requested lines, widened to their blocks.
        let blank = |i: usize| a.get(i).is_none_or(|l| l.trim_ascii().is_empty());
        let last = a.len().saturating_sub(1);
        let mut first_line = (p.range.start.line as usize).min(last);
        let mut last_line =
            if p.range.end.character == 0 && p.range.end.line > p.range.start.line {
                p.range.end.line as usize - 1
            } else {
                p.range.end.line as usize
            }
            .clamp(first_line, last);
        while first_line > 0 && !blank(first_line - 1) {
            first_line -= 1;
        }
        while last_line < last && !blank(last_line + 1) {
            last_line += 1;
        }
        let changes: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = ops
            .iter()
            .filter(|op| op.tag() != similar::DiffTag::Equal)
            .map(|op| (op.old_range(), op.new_range()))
            .collect();
        let touches = |r: &std::ops::Range<usize>| {
            if r.is_empty() {
                (first_line..=last_line + 1).contains(&r.start)
            } else {
                r.start <= last_line && first_line < r.end
            }
        };
        let build = |chosen: &[&(std::ops::Range<usize>, std::ops::Range<usize>)]| {
            let mut out = Vec::with_capacity(old.len());
            let mut at = 0;
            for (o, n) in chosen {
                out.extend(a[at..o.start].iter().flatten());
                out.extend(b[n.clone()].iter().flatten());
                at = o.end;
            }
            out.extend(a[at..].iter().flatten());
            out
        };
        let mut chosen: Vec<_> = changes.iter().filter(|(o, _)| touches(o)).collect();
        if chosen.len() < changes.len() {
            let partial = build(&chosen);
            let fs = analysis::Overlay::new(std::slice::from_ref(&doc));
            let mut workspace = crate::workspace::Workspace::new(Default::default(), &fs);
            if !matches!(
                workspace.verify_partial(&file, &doc.path, &partial),
                Ok(Ok(()))
            ) {
                chosen = changes.iter().collect();
            }
        }
        let offset_of = |line: usize| old_lines.get(line).map_or(old.len(), |&(s, _)| s);
        Ok(Some(
            chosen
                .iter()
                .map(|(o, n)| {
                    let span = crate::source::Span::new(
                        offset_of(o.start) as u32,
                        offset_of(o.end) as u32,
                    );
                    TextEdit::new(
                        convert::range(&file, span, self.encoding),
                        String::from_utf8_lossy(&b[n.clone()].concat()).into_owned(),
                    )
                })
                .collect(),
        ))
    }

    fn code_actions(
        &mut self,
        p: CodeActionParams,
    ) -> Result<Vec<CodeActionOrCommand>, (ErrorCode, String)> {
        let doc = self.doc(&p.text_document.uri)?.clone();
        let wanted = |kind: &CodeActionKind| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let mut out = Vec::new();
        // Findings of the version the client has.
        let findings = self
            .published
            .get(&doc.uri)
            .filter(|f| f.version == doc.version)
            .map(|f| f.findings.as_slice())
            .unwrap_or(&[]);
        let overlaps = |r: &lsp_types::Range| r.start <= p.range.end && p.range.start <= r.end;
        if wanted(&CodeActionKind::QUICKFIX) {
            for f in findings.iter().filter(|f| overlaps(&f.diagnostic.range)) {
                if let Some(fix) = &f.fix {
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![f.diagnostic.clone()]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(fix.edits.clone()),
                            ..Default::default()
                        }),
                        is_preferred: Some(fix.safe),
                        ..Default::default()
                    }));
                }
                if let Some(at) = f.allow_at {
                    let mut changes = HashMap::new();
                    changes.insert(
                        doc.uri.clone(),
                        vec![TextEdit::new(
                            lsp_types::Range::new(at, at),
                            format!(" ; zonelint: allow({})", f.code),
                        )],
                    );
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("Allow `{}` here (; zonelint: allow)", f.code),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![f.diagnostic.clone()]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(changes),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }));
                }
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL);
        let any_safe = findings
            .iter()
            .any(|f| f.fix.as_ref().is_some_and(|x| x.safe));
        if wanted(&fix_all) && (any_safe || p.context.only.is_some()) {
            let docs: Vec<Doc> = self.docs.values().cloned().collect();
            let edits = analysis::fix_all(&self.roots, &docs, &doc, self.encoding)
                .map_err(|e| (ErrorCode::RequestFailed, e))?;
            if !edits.is_empty() {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Fix all safe problems (zonelint)".to_owned(),
                    kind: Some(fix_all),
                    edit: Some(WorkspaceEdit {
                        changes: Some(edits),
                        ..Default::default()
                    }),
                    ..Default::default()
                }));
            }
        }
        Ok(out)
    }

    fn hover(&self, p: HoverParams) -> Result<Option<lsp_types::Hover>, (ErrorCode, String)> {
        let uri = &p.text_document_position_params.text_document.uri;
        let doc = self.doc(uri)?;
        let at = p.text_document_position_params.position;
        let findings = self
            .published
            .get(uri)
            .filter(|f| f.version == doc.version)
            .map(|f| f.findings.as_slice())
            .unwrap_or(&[]);
        Ok(hover::hover(doc, findings, at, self.encoding))
    }
}
