-- Drives dist/server.js from Neovim 0.7's own LSP client (0.7 has no vim.lsp.start: start_client +
-- buf_attach_client). Reads a JSON plan from $RP_NVIM_PLAN, writes what Neovim saw as JSON to the
-- plan's `out`, then quits: exit 0 when the script ran to the end, 1 when it raised.
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('RP_NVIM_PLAN')), '\n'))
vim.o.hidden = true -- buffers are edited and left unsaved
local result = { files = {}, actions = {}, log = {} }

local function note(msg) table.insert(result.log, msg) end

local published = {} -- uri -> the latest publishDiagnostics params, as the server sent them
local capabilities = vim.lsp.protocol.make_client_capabilities()
-- As nvim-cmp, LuaSnip and friends announce: a snippet engine is there to expand the bodies.
capabilities.textDocument.completion.completionItem.snippetSupport = true

local client_id = vim.lsp.start_client({
  name = 'rust-patterns',
  cmd = { 'node', plan.server, '--stdio' },
  root_dir = plan.root,
  capabilities = capabilities,
  flags = { debounce_text_changes = 0 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
      published[params.uri] = params
      return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
    end,
  },
  on_exit = function(code) note('server exited with ' .. tostring(code)) end,
})
assert(client_id, 'vim.lsp.start_client failed')

local function open(path, filetype)
  local buf = vim.fn.bufnr(path)
  if buf ~= -1 then -- already open (and maybe edited): switch to it, never reload it
    vim.api.nvim_set_current_buf(buf)
    return buf, vim.uri_from_bufnr(buf)
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype or 'rust'
  assert(vim.lsp.buf_attach_client(buf, client_id), 'buf_attach_client failed')
  return buf, vim.uri_from_bufnr(buf)
end

-- Waits until the server published for the buffer's current version (`changedtick`-independent:
-- a publication newer than `after` for that uri).
local function wait_published(uri, after)
  local ok = vim.wait(20000, function()
    local p = published[uri]
    return p ~= nil and p ~= after
  end, 20)
  assert(ok, 'no diagnostics published for ' .. uri)
  return published[uri]
end

local function snapshot(buf, uri)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(seen, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code, source = d.source, message = d.message, severity = d.severity })
  end
  return { uri = uri, diagnostics = seen, published = published[uri].diagnostics, text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') }
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, 10000)
  assert(responses, method .. ' failed: ' .. tostring(err))
  local r = responses[client_id]
  assert(r and not r.err, method .. ' returned an error: ' .. vim.inspect(r and r.err))
  return r.result
end

local ok, failure = pcall(function()
  -- 1. Findings, as Neovim stores them, for every file of the plan.
  local bufs = {}
  for _, path in ipairs(plan.files) do
    local buf, uri = open(path)
    wait_published(uri, nil)
    vim.wait(200) -- let vim.diagnostic settle on the publication
    bufs[path] = { buf = buf, uri = uri }
    result.files[path] = snapshot(buf, uri)
  end

  -- 2. Hover at a position of the first file.
  local first = bufs[plan.files[1]]
  result.hover = request(first.buf, 'textDocument/hover', { textDocument = { uri = first.uri }, position = plan.hover })

  -- 3. Code actions for every finding of the first file; then apply the one the plan names.
  vim.api.nvim_set_current_buf(first.buf)
  for _, d in ipairs(published[first.uri].diagnostics) do
    local actions = request(first.buf, 'textDocument/codeAction', { textDocument = { uri = first.uri }, range = d.range, context = { diagnostics = { d } } })
    for _, a in ipairs(actions or {}) do table.insert(result.actions, { code = d.code, line = d.range.start.line, title = a.title, kind = a.kind }) end
    for _, a in ipairs(actions or {}) do
      if a.title == plan.apply and a.edit then
        local before = published[first.uri]
        vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
        wait_published(first.uri, before)
        vim.wait(200)
        result.after_fix = snapshot(first.buf, first.uri)
        break
      end
    end
    if result.after_fix then break end
  end

  -- 4. Snippet completion: type the prefix on a new last line of a buffer, ask for completions.
  for _, c in ipairs(plan.completions) do
    local buf, uri = open(c.file, c.filetype)
    local last = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_buf_set_lines(buf, last, last, true, { c.prefix })
    local list = request(buf, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = last, character = #c.prefix } })
    local items = list and (list.items or list) or {}
    local labels = {}
    for _, item in ipairs(items) do table.insert(labels, { label = item.label, kind = item.kind, insertTextFormat = item.insertTextFormat, newText = item.textEdit and item.textEdit.newText or item.insertText }) end
    result.completions = result.completions or {}
    result.completions[c.file] = labels
  end
end)

if not ok then result.error = tostring(failure) end
vim.lsp.stop_client(client_id)
vim.fn.writefile({ vim.fn.json_encode(result) }, plan.out)
io.stdout:write(ok and 'neovim: done\n' or ('neovim: ' .. tostring(failure) .. '\n'))
io.stdout:flush()
vim.cmd(ok and 'qall!' or 'cquit! 1')
