# The explorer page: cytoscape comes from npm (server/web/package-lock.json,
# installed by `npm ci` when missing) and every file is embedded into
# steppe_server as a generated source (embed_assets.cmake).
set(web_dir ${CMAKE_SOURCE_DIR}/server/web)
set(cytoscape_js ${web_dir}/node_modules/cytoscape/dist/cytoscape.min.js)
add_custom_command(
  OUTPUT ${cytoscape_js}
  COMMAND npm ci --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY ${web_dir}
  DEPENDS ${web_dir}/package-lock.json
  COMMENT "npm ci: cytoscape for the explorer page")
set(web_assets
  "/|text/html|${web_dir}/index.html"
  "/explorer.js|text/javascript|${web_dir}/explorer.js"
  "/explorer.css|text/css|${web_dir}/explorer.css"
  "/cytoscape.min.js|text/javascript|${cytoscape_js}")
set(web_assets_cc ${CMAKE_BINARY_DIR}/generated/web_assets_data.cc)
add_custom_command(
  OUTPUT ${web_assets_cc}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${web_assets_cc} "-DASSETS=${web_assets}"
          -P ${web_dir}/embed_assets.cmake
  VERBATIM
  DEPENDS ${web_dir}/embed_assets.cmake ${web_dir}/index.html ${web_dir}/explorer.js
          ${web_dir}/explorer.css ${cytoscape_js}
  COMMENT "Embedding the explorer page")
target_sources(steppe_server PRIVATE ${web_assets_cc})
