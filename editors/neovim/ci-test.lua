-- A real editor against `zonelint server`: Neovim 0.7 (Debian 12's), headless.
--
--   ZONELINT=target/release/zonelint ZONELINT_WORKSPACE=/tmp/copy-of-testdata-editor \
--   ZONELINT_RESULT=/tmp/result nvim --headless -u NONE -c 'luafile editors/neovim/ci-test.lua'
--
-- Opens example.com.zone of the workspace (a copy of testdata/editor/),
-- starts the server with vim.lsp.start_client (0.7's API; current Neovim
-- has vim.lsp.config, see docs/ci-and-editors.md), waits for its
-- diagnostics and checks them (byte columns: Neovim converts the server's
-- UTF-16 positions; line 7 has an "é" before the MX target), then formats
-- the buffer through the server and writes it out. It writes "ok" or what
-- went wrong to $ZONELINT_RESULT and quits.

local result = os.getenv("ZONELINT_RESULT")
local function finish(message)
  local f = assert(io.open(result, "w"))
  f:write(message .. "\n")
  f:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  local workspace = assert(os.getenv("ZONELINT_WORKSPACE"))
  local zonelint = assert(os.getenv("ZONELINT"))
  vim.cmd("edit " .. workspace .. "/example.com.zone")
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "zonelint",
    cmd = { zonelint, "server" },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = "zones" } },
  })
  assert(client, "the server did not start")
  vim.lsp.buf_attach_client(buf, client)

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(out, string.format("%s@%d:%d", code, d.lnum, d.col))
    end
    table.sort(out)
    return table.concat(out, " ")
  end
  local want = "mx-missing-trailing-dot@6:17 mx-target-cname@7:17 owner-invalid-hostname@6:0"
  if not vim.wait(15000, function() return codes() == want end, 50) then
    error("diagnostics: got [" .. codes() .. "], want [" .. want .. "]")
  end

  -- Format through the server (0.7: formatting_sync), then save.
  vim.lsp.buf.formatting_sync(nil, 10000)
  vim.cmd("write")
end)

if ok then
  finish("ok")
else
  finish("failed: " .. tostring(err))
end
