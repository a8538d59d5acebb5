//! Starts `zonelint server` for the zone files of a Zed worktree.
//!
//! The binary is the one on the worktree's `PATH` (as `cargo install
//! zonelint` or a package puts it), or the path given in Zed's settings:
//! `"lsp": { "zonelint": { "binary": { "path": "/path/to/zonelint" } } }`.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result, Worktree};

struct Zonelint;

impl zed::Extension for Zonelint {
    fn new() -> Self {
        Zonelint
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = configured
            .or_else(|| worktree.which("zonelint"))
            .ok_or_else(|| {
                "zonelint is not on PATH: install it (`cargo install --path .` in its repository) \
                 or set lsp.zonelint.binary.path in Zed's settings"
                    .to_string()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["server".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Zonelint);
