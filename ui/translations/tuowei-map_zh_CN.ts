<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>InfoPanel</name>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Click a township or a facility on the map, or a row of the table, to see its indicators.</source>
        <translation>点击地图上的乡镇或托育机构，或表格中的一行，查看其指标。</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Built (what-if)</source>
        <translation>已建（模拟）</translation>
    </message>
    <message>
        <source>Build this site (what-if)</source>
        <translation>在此新建（模拟）</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Townships</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>分级设色指标</translation>
    </message>
    <message numerus="yes">
        <source>Quantiles, %n class(es)</source>
        <translation>
            <numerusform>分位数分级，%n 级</numerusform>
        </translation>
    </message>
    <message>
        <source>Facilities (%1)</source>
        <translation>托育机构（%1）</translation>
    </message>
    <message>
        <source>Filled: inclusive (普惠); ring: not inclusive. Size grows with places.</source>
        <translation>实心：普惠；空心：非普惠。符号大小随托位数增加。</translation>
    </message>
    <message>
        <source>Catchments (%1)</source>
        <translation>服务范围（%1）</translation>
    </message>
    <message>
        <source>Service deserts (%1)</source>
        <translation>服务盲区（%1）</translation>
    </message>
    <message>
        <source>catchment</source>
        <translation>服务范围</translation>
    </message>
    <message>
        <source>desert</source>
        <translation>服务盲区</translation>
    </message>
    <message>
        <source>Basemap: none (offline)</source>
        <translation>底图：无（离线）</translation>
    </message>
    <message>
        <source>Basemap: %1</source>
        <translation>底图：%1</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>情景模拟</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>托位数</translation>
    </message>
    <message>
        <source>Inclusive (普惠)</source>
        <translation>是否普惠</translation>
    </message>
    <message>
        <source>Add a facility on the map…</source>
        <translation>在地图上新增机构…</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s). Last: %1</source>
        <translation>
            <numerusform>已修改 %n 处。最近：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Catchments and deserts are drawn as loaded.</source>
        <translation>服务范围和服务盲区按打开时绘制。</translation>
    </message>
    <message>
        <source>Discard edits (reopen)</source>
        <translation>放弃修改（重新打开）</translation>
    </message>
    <message>
        <source>Propose sites</source>
        <translation>新址建议</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>新址数</translation>
    </message>
    <message>
        <source>Radius (m)</source>
        <translation>服务半径（米）</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <source>Proposing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>计算建议新址</translation>
    </message>
    <message>
        <source>Proposed sites (%1)</source>
        <translation>建议新址（%1）</translation>
    </message>
    <message>
        <source>Indicators with the proposed sites</source>
        <translation>显示新址建成后的指标</translation>
    </message>
    <message>
        <source>Population year</source>
        <translation>人口年份</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>tuowei map</source>
        <translation>托位地图</translation>
    </message>
    <message>
        <source>Map saved to %1</source>
        <translation>地图已保存到 %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Export map as &amp;PNG…</source>
        <translation>导出地图为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export results as &amp;GeoPackage…</source>
        <translation>导出结果为 &amp;GeoPackage…</translation>
    </message>
    <message>
        <source>Export township table as &amp;CSV…</source>
        <translation>导出乡镇指标表为 &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Open a tuowei project</source>
        <translation>打开托位项目</translation>
    </message>
    <message>
        <source>tuowei projects (*.toml)</source>
        <translation>托位项目文件 (*.toml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Export the map as PNG</source>
        <translation>导出地图为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export the results as GeoPackage</source>
        <translation>导出结果为 GeoPackage</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Export the township table as CSV</source>
        <translation>导出乡镇指标表为 CSV</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>The project has errors: see Problems on the right.</source>
        <translation>项目有错误：见右侧“问题”列表。</translation>
    </message>
    <message>
        <source>Open a project file to begin (File › Open project…).</source>
        <translation>请先打开项目文件（文件 › 打开项目…）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>This project cannot be shown yet: its problems are listed on the right.</source>
        <translation>该项目暂时无法显示：问题列在右侧。</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Township ranking</source>
        <translation>乡镇排名</translation>
    </message>
    <message>
        <source>Proposed sites (%1)</source>
        <translation>建议新址（%1）</translation>
    </message>
    <message>
        <source>Export &amp;report (Excel and PDF)…</source>
        <translation>导出评估报告（Excel 与 PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>Choose a folder for report.xlsx and report.pdf</source>
        <translation>选择保存 report.xlsx 与 report.pdf 的文件夹</translation>
    </message>
    <message>
        <source>Report written to %1 (report.xlsx, report.pdf)</source>
        <translation>报告已写入 %1（report.xlsx、report.pdf）</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Show the whole study area</source>
        <translation>显示整个研究区</translation>
    </message>
    <message>
        <source>Click on the map where the new facility goes</source>
        <translation>在地图上点击新机构的位置</translation>
    </message>
    <message>
        <source>Click on the map where the facility moves to</source>
        <translation>在地图上点击机构的新位置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message numerus="yes">
        <source>The project cannot be run: %n error(s)</source>
        <translation>
            <numerusform>项目无法运行：%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 条警告</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix these in the project file or its inputs, then open it again.</source>
        <translation>请在项目文件或输入数据中修正后重新打开。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>修正方法：%1</translation>
    </message>
</context>
<context>
    <name>ProposalsTable</name>
    <message>
        <source>Rank</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>新址</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>所在乡镇</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>托位数</translation>
    </message>
    <message>
        <source>Marginal gain</source>
        <translation>边际增益</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Longitude, latitude (GCJ-02)</source>
        <translation>经度, 纬度（GCJ-02）</translation>
    </message>
    <message>
        <source>Proposing sites…</source>
        <translation>正在计算建议新址…</translation>
    </message>
    <message>
        <source>No proposals yet: choose the number of sites and an objective on the left, then Propose.</source>
        <translation>尚无建议：请在左侧选择新址数和优化目标，然后点击“计算建议新址”。</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>情景模拟</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Newly covered</source>
        <translation>新覆盖婴幼儿</translation>
    </message>
    <message>
        <source>Alternative within 500 m</source>
        <translation>500 米内备选址</translation>
    </message>
</context>
<context>
    <name>RankingTable</name>
    <message>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <source>All counties</source>
        <translation>全部县区</translation>
    </message>
    <message numerus="yes">
        <source>%n township(s)</source>
        <translation>
            <numerusform>%n 个乡镇</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a header to sort</source>
        <translation>点击表头排序</translation>
    </message>
</context>
<context>
    <name>tuowei::ui::InfoPanelText</name>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>举办性质</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>托位数</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>在托人数</translation>
    </message>
    <message>
        <source>Inclusive (普惠)</source>
        <translation>是否普惠</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>所在乡镇</translation>
    </message>
    <message>
        <source>outside every township</source>
        <translation>不在任何乡镇内</translation>
    </message>
    <message>
        <source>Children in the catchment</source>
        <translation>服务范围内婴幼儿数</translation>
    </message>
    <message>
        <source>Places per child in the catchment</source>
        <translation>服务范围内每名婴幼儿托位数</translation>
    </message>
    <message>
        <source>Proposed site %1</source>
        <translation>建议新址 %1</translation>
    </message>
    <message>
        <source>Gain (%1)</source>
        <translation>增益（%1）</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>造价</translation>
    </message>
    <message>
        <source>Catchment</source>
        <translation>服务半径</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>Children newly covered</source>
        <translation>新覆盖婴幼儿数</translation>
    </message>
    <message>
        <source>Desert removed</source>
        <translation>消除的服务盲区</translation>
    </message>
    <message>
        <source>%1 children, %2 km²</source>
        <translation>%1 名婴幼儿，%2 平方公里</translation>
    </message>
    <message>
        <source>Township places per 1,000</source>
        <translation>所在乡镇千人口托位数</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Best alternative nearby</source>
        <translation>附近最佳备选址</translation>
    </message>
    <message>
        <source>%1, %2 m away, %3 if swapped</source>
        <translation>%1，相距 %2 米，替换后目标变化 %3</translation>
    </message>
    <message>
        <source>Objective with this and higher-ranked sites</source>
        <translation>累计目标值（含此前各址）</translation>
    </message>
    <message>
        <source>Longitude, latitude (WGS84)</source>
        <translation>经度, 纬度（WGS84）</translation>
    </message>
    <message>
        <source>Longitude, latitude (GCJ-02)</source>
        <translation>经度, 纬度（GCJ-02）</translation>
    </message>
    <message>
        <source>%1
%2 · %3 places · %4</source>
        <translation>%1
%2 · %3 个托位 · %4</translation>
    </message>
    <message>
        <source>inclusive</source>
        <translation>普惠</translation>
    </message>
    <message>
        <source>not inclusive</source>
        <translation>非普惠</translation>
    </message>
    <message>
        <source>Proposed site %1
%2 places · gain %3</source>
        <translation>建议新址 %1
%2 个托位 · 增益 %3</translation>
    </message>
</context>
<context>
    <name>tuowei::ui::MapController</name>
    <message>
        <source>Reading the project file</source>
        <translation>正在读取项目文件</translation>
    </message>
    <message>
        <source>Reading townships and facilities</source>
        <translation>正在读取乡镇边界和托育机构</translation>
    </message>
    <message>
        <source>Population per township</source>
        <translation>正在计算各乡镇人口</translation>
    </message>
    <message>
        <source>Accessibility: places per child</source>
        <translation>可达性：计算每名婴幼儿托位数</translation>
    </message>
    <message>
        <source>Service deserts</source>
        <translation>正在识别服务盲区</translation>
    </message>
    <message>
        <source>Writing results</source>
        <translation>正在写出结果</translation>
    </message>
    <message>
        <source>Preparing the map</source>
        <translation>正在准备地图</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Other types</source>
        <translation>其他类型</translation>
    </message>
    <message>
        <source>%1 townships · %2 facilities · %3 places per 1,000 residents (target %4)</source>
        <translation>%1 个乡镇 · %2 个托育机构 · 千人口托位数 %3（目标 %4）</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>请先打开项目。</translation>
    </message>
    <message>
        <source>No window to save.</source>
        <translation>没有可保存的窗口。</translation>
    </message>
    <message>
        <source>The window could not be captured.</source>
        <translation>无法截取窗口。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Candidate sites</source>
        <translation>正在生成候选点</translation>
    </message>
    <message>
        <source>Choosing sites</source>
        <translation>正在求解选址</translation>
    </message>
    <message>
        <source>Indicators with the proposed sites</source>
        <translation>显示新址建成后的指标</translation>
    </message>
    <message>
        <source>Opening the project failed unexpectedly.</source>
        <translation>打开项目时发生意外错误。</translation>
    </message>
    <message>
        <source>Proposing sites failed unexpectedly.</source>
        <translation>计算建议新址时发生意外错误。</translation>
    </message>
    <message>
        <source>with the proposed sites</source>
        <translation>含建议新址</translation>
    </message>
    <message numerus="yes">
        <source>with %n edit(s)</source>
        <translation>
            <numerusform>含 %n 处修改</numerusform>
        </translation>
    </message>
    <message>
        <source>Proposed site %1</source>
        <translation>建议新址 %1</translation>
    </message>
    <message>
        <source>%1: %2 changed</source>
        <translation>%1：%2 的指标已变化</translation>
    </message>
    <message>
        <source>New facility %1</source>
        <translation>新增机构 %1</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>新增 %1</translation>
    </message>
    <message>
        <source>Moved %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Population at the end of %1</source>
        <translation>%1年末人口</translation>
    </message>
    <message>
        <source>%1, as the data describe it</source>
        <translation>%1年，数据所述年份</translation>
    </message>
    <message>
        <source>%1, projected from %2</source>
        <translation>%1年，由%2年推算</translation>
    </message>
    <message>
        <source>population of %1</source>
        <translation>%1年人口</translation>
    </message>
    <message>
        <source>Equity of access</source>
        <translation>可达性公平性</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>正在生成报告</translation>
    </message>
    <message>
        <source>Open a project with catchments first.</source>
        <translation>请先打开包含服务范围分析的项目。</translation>
    </message>
    <message>
        <source>Writing the report failed unexpectedly.</source>
        <translation>生成报告时意外失败。</translation>
    </message>
</context>
<context>
    <name>tuowei::ui::ProposalPanel</name>
    <message>
        <source>children newly covered</source>
        <translation>新覆盖婴幼儿数</translation>
    </message>
    <message>
        <source>children newly served</source>
        <translation>新服务婴幼儿数</translation>
    </message>
    <message>
        <source>children × metres saved</source>
        <translation>婴幼儿 × 缩短米数</translation>
    </message>
    <message>
        <source>sites</source>
        <translation>处</translation>
    </message>
    <message>
        <source>Cover the most children (maximal covering)</source>
        <translation>覆盖婴幼儿最多（最大覆盖）</translation>
    </message>
    <message>
        <source>Serve the most children, within places (capacitated)</source>
        <translation>在托位容量内服务婴幼儿最多（容量约束）</translation>
    </message>
    <message>
        <source>Fewest sites to reach the coverage target (set cover)</source>
        <translation>以最少新址达到覆盖目标（集合覆盖）</translation>
    </message>
    <message>
        <source>Shortest distances to a facility (p-median)</source>
        <translation>到机构的距离最短（P 中值）</translation>
    </message>
    <message>
        <source>built (what-if)</source>
        <translation>已建（模拟）</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) proposed; gain in %1.</source>
        <translation>
            <numerusform>建议新址 %n 处；增益单位：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Solver: %1</source>
        <translation>求解方法：%1</translation>
    </message>
    <message>
        <source>optimal</source>
        <translation>最优</translation>
    </message>
    <message>
        <source>gap %1%</source>
        <translation>差距 %1%</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>贪心算法</translation>
    </message>
    <message>
        <source>Lagrangian relaxation</source>
        <translation>拉格朗日松弛</translation>
    </message>
    <message>
        <source>interchange</source>
        <translation>交换改进</translation>
    </message>
    <message>
        <source>mixed-integer programme (CBC)</source>
        <translation>混合整数规划（CBC）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
</TS>
