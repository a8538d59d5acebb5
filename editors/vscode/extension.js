// A minimal client for `zonelint server`: diagnostics, quick fixes,
// "fix all" (source.fixAll.zonelint), formatting and hover come from the
// server; this starts it for zone files, and gives the zone file type to
// the files a named.conf, nsd.conf or knot.conf names whatever their
// names (the server's `zonelint/zoneFiles` request lists them).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

const LANGUAGE = "dns-zone";
let client;

exports.activate = async function activate(context) {
  const command = vscode.workspace.getConfiguration("zonelint").get("path") || "zonelint";
  client = new LanguageClient(
    "zonelint",
    "zonelint",
    { command, args: ["server"] },
    { documentSelector: [{ scheme: "file", language: LANGUAGE }] }
  );
  await client.start();
  let zoneFiles = new Set();
  const refresh = async () => {
    try {
      const answer = await client.sendRequest("zonelint/zoneFiles", null);
      zoneFiles = new Set(answer.files.map((u) => vscode.Uri.parse(u).fsPath));
    } catch (e) {
      zoneFiles = new Set();
    }
    vscode.workspace.textDocuments.forEach(mark);
  };
  const mark = (doc) => {
    if (doc.languageId !== LANGUAGE && doc.uri.scheme === "file" && zoneFiles.has(doc.uri.fsPath)) {
      vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(mark));
  const watcher = vscode.workspace.createFileSystemWatcher("**/{named.conf*,nsd.conf,knot.conf,zonelint.toml}");
  watcher.onDidChange(refresh);
  watcher.onDidCreate(refresh);
  context.subscriptions.push(watcher);
  await refresh();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};
