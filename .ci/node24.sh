#!/usr/bin/env bash
# Puts Node 24 first on PATH, taking it from the npm registry's `node` package when the
# machine's own Node is older. Sourced by .ci/run; the system's Node is left untouched.
need_major=24
have_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have_major" -lt "$need_major" ]; then
  prefix="${NEXTCALL_NODE_PREFIX:-$HOME/.cache/nextcall/node24}"
  if [ ! -x "$prefix/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'missing') is older than $need_major: fetching Node $need_major from the npm registry into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund "node@$need_major" >/dev/null
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
fi
echo "Using Node $(node --version)"
