# Writes the EF model snapshots of both providers from the live model, and optionally a migration that
# creates the given new tables. Usage (from the repository root):
#   dotnet run --project tools/schema/SchemaDump > /tmp/model.json
#   python3 tools/schema/generate.py /tmp/model.json [--migration Name --id 20261122093000 --tables A,B]
# Review the written files: the snapshot is the model as the migrations leave it, and the migration
# must contain every change (alterations to existing tables are written by hand).
import json,sys,argparse,os
ap=argparse.ArgumentParser()
ap.add_argument('model'); ap.add_argument('--migration'); ap.add_argument('--id'); ap.add_argument('--tables', default='')
args=ap.parse_args()
model=json.load(open(args.model))
CS={'String':'string','Int64':'long','Int32':'int','Boolean':'bool','DateTimeOffset':'DateTimeOffset','TimeSpan':'TimeSpan','Byte[]':'byte[]'}
order=['Tenants','Verifications','Analysts','AuditEntries','Analyses','VerificationEvents','DocumentFiles','ServiceUsers','ServiceTokens']
def rank(t): return order.index(t) if t in order else len(order)
def cstype(p):
    t=CS.get(p['clr'],'int')
    if p['nullable'] and t not in ('string','byte[]'): t+='?'
    return t
def gen(kind, ctx, ns, migid, migname, tables):
    ents=sorted([e for e in model[kind] if tables is None or e['table'] in tables], key=lambda e: rank(e['table']))
    up=[]
    for e in ents:
        cols=[]
        for p in sorted(e['props'], key=lambda p:(not p['key'], p['name'])):
            ml=f", maxLength: {p['maxLength']}" if p['maxLength'] else ""
            cols.append(f"                    {p['column']} = table.Column<{CS.get(p['clr'],'int')}>(type: \"{p['storeType']}\"{ml}, nullable: {'true' if p['nullable'] else 'false'}),")
        cons=[f"                    table.PrimaryKey(\"{e['keyName']}\", x => x.{e['key'][0]});"]
        for f in e['fks']:
            cons.append(f"                    table.ForeignKey(\n                        name: \"{f['name']}\",\n                        column: x => x.{f['props'][0]},\n                        principalTable: \"{f['principalTable']}\",\n                        principalColumn: \"Id\",\n                        onDelete: ReferentialAction.Cascade);")
        up.append(f"""            migrationBuilder.CreateTable(
                name: "{e['table']}",
                columns: table => new
                {{
{chr(10).join(cols)}
                }},
                constraints: table =>
                {{
{chr(10).join(cons)}
                }});
""")
    for e in ents:
        for i in sorted(e['indexes'], key=lambda i:i['name']):
            cols=', '.join(f'"{c}"' for c in i['props'])
            colarg = f"column: \"{i['props'][0]}\"" if len(i['props'])==1 else f"columns: new[] {{ {cols} }}"
            uq=",\n                unique: true" if i['unique'] else ""
            up.append(f"""            migrationBuilder.CreateIndex(
                name: "{i['name']}",
                table: "{e['table']}",
                {colarg}{uq});
""")
    down=[f"            migrationBuilder.DropTable(name: \"{e['table']}\");" for e in reversed(ents)]
    mig=f"""using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace {ns};

/// <summary>{{summary}}</summary>
[DbContext(typeof({ctx}))]
[Migration("{migid}_{migname}")]
public sealed class {migname} : Migration
{{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {{
{chr(10).join(up)}    }}

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {{
{chr(10).join(down)}
    }}
}}
"""
    # snapshot
    body=[]
    for e in sorted(model[kind], key=lambda e:e['name']):
        lines=[]
        for p in sorted(e['props'], key=lambda p:(not p['key'], p['name'])):
            s=f'b.Property<{cstype(p)}>("{p["name"]}")'
            if p['concurrency']: s+='\n                    .IsConcurrencyToken()'
            if not p['nullable'] and p['clr']=='String': s+='\n                    .IsRequired()'
            if p['maxLength']: s+=f'\n                    .HasMaxLength({p["maxLength"]})'
            s+=f'\n                    .HasColumnType("{p["storeType"]}");'
            lines.append('                ' + s)
        lines.append(f'                b.HasKey({", ".join(chr(34)+k+chr(34) for k in e["key"])});')
        for i in e['indexes']:
            lines.append(f'                b.HasIndex({", ".join(chr(34)+c+chr(34) for c in i["props"])})' + ('\n                    .IsUnique();' if i['unique'] else ';'))
        lines.append(f'                b.ToTable("{e["table"]}");')
        body.append(f'            modelBuilder.Entity("{e["name"]}", b =>\n            {{\n' + '\n\n'.join(lines) + '\n            });\n')
    for e in sorted(model[kind], key=lambda e:e['name']):
        for f in e['fks']:
            body.append(f'''            modelBuilder.Entity("{e["name"]}", b =>
            {{
                b.HasOne("{f["principal"]}", null)
                    .WithMany("{f["principalNav"]}")
                    .HasForeignKey("{f["props"][0]}")
                    .OnDelete(DeleteBehavior.Cascade)
                    .IsRequired();
            }});
''')
    for e in sorted(model[kind], key=lambda e:e['name']):
        if e['navs']:
            body.append(f'            modelBuilder.Entity("{e["name"]}", b =>\n            {{\n' + '\n\n'.join(f'                b.Navigation("{n}");' for n in e['navs']) + '\n            });\n')
    pgann = '            modelBuilder.HasAnnotation("Relational:MaxIdentifierLength", 63);\n            NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);\n' if kind=='pg' else ''
    pgusing = 'using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;\n' if kind=='pg' else ''
    snap=f"""using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
{pgusing}
#nullable disable

namespace {ns};

/// <summary>
/// The model as the migrations leave it, written by hand (the EF design-time tools are not used here).
/// Keep it in step with every new migration: a test fails when it and the live model disagree.
/// </summary>
[DbContext(typeof({ctx}))]
internal sealed class {ctx}ModelSnapshot : ModelSnapshot
{{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {{
            modelBuilder.HasAnnotation("ProductVersion", "10.0.11");
{pgann}
{chr(10).join(body)}    }}
}}
"""
    snap='\n'.join(l[4:] if l.startswith('            ') else l for l in snap.split('\n'))
    return mig, snap
base=os.path.join(os.path.dirname(os.path.abspath(__file__)),'../../src/Verification.Storage.EfCore/Migrations/')
tables=set(t for t in args.tables.split(',') if t)
for kind,ctx,sub in [('sqlite','SqliteVerificationDbContext','Sqlite'),('pg','PostgreSqlVerificationDbContext','PostgreSql')]:
    mig,snap=gen(kind,ctx,f'Verification.Storage.EfCore.Migrations.{sub}',args.id or '0',args.migration or 'None',tables or None)
    open(base+sub+f'/{ctx}ModelSnapshot.cs','w').write(snap)
    if args.migration:
        open(base+sub+f'/{args.id}_{args.migration}.cs','w').write(mig.replace('{summary}', 'Creates ' + ', '.join(sorted(tables)) + '.'))
