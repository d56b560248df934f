-- A GET of LOAD_PATH (case list, attorney matches, a report).
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local path = os.getenv("LOAD_PATH")
request = function()
  return wrk.format("GET", path, headers)
end
