-- POST /api/v1/conflict-checks: an invented person with a birth year each time.
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
request = function()
  local body = string.format('{"givenNames":["%s"],"familyNames":["%s"],"aliases":[],"dateOfBirth":"%d"}',
    name(2), name(3), 1960 + math.random(45))
  return wrk.format("POST", "/api/v1/conflict-checks", headers, body)
end
