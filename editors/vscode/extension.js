// A minimal client for `zonelint server`: diagnostics, quick fixes,
// "fix all" (source.fixAll.zonelint), formatting and hover come from the
// server; this only starts it for zone files.
const { workspace } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

exports.activate = function activate() {
  const command = workspace.getConfiguration("zonelint").get("path") || "zonelint";
  client = new LanguageClient(
    "zonelint",
    "zonelint",
    { command, args: ["server"] },
    { documentSelector: [{ scheme: "file", language: "dns-zone" }] }
  );
  return client.start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};
