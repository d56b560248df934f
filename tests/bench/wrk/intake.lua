-- POST /api/v1/intakes: a new invented person each time (with the conflict check the intake runs).
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
request = function()
  seq = seq + 1
  local body = string.format(
    '{"person":{"givenNames":["%s"],"familyNames":["%s","%s"],"aliases":[],"dateOfBirth":"%d-%02d"},' ..
    '"relatedParties":[{"givenNames":["%s"],"familyNames":["%s"],"aliases":[],"relationship":"child"}],' ..
    '"custody":"detained","courtCode":"NYC","primaryLanguage":"spa",' ..
    '"languages":[{"code":"spa","speaks":true,"reads":true}],"interpreterNeeded":true,"reliefSought":["asylum"]}',
    name(2), name(3), name(2), 1960 + math.random(45), math.random(12), name(2), name(3))
  return wrk.format("POST", "/api/v1/intakes", headers, body)
end
