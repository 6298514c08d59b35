using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

/// <summary>
/// Pinned digests: an accidental change to canonical hashing changes every stored result's identity,
/// so it must fail here first. The golden types live in the global namespace (GoldenTypes.cs)
/// because a type's full name is part of its hash. Computed once, then hard-coded; to change one on
/// purpose, change the format deliberately and re-pin.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GoldenVectorTests
{
    private static readonly Dictionary<string, string> Golden = new()
    {
        ["null"] = "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a",
        ["int 0"] = "e16ab60aa1eeb7074ca590e8a95bc4ce6264aa74f4f79359e580ede60b892bbe",
        ["int -1"] = "a7486cf03e7327c9df9e3a59aa6f534177f5f7eb1fc1639ac1b1465f968869d7",
        ["long 3"] = "38ddd4b2bc7221f7bf61d48a9c5f9690f0d35b1b1e9702f0dec9100e0246a376",
        ["int 3"] = "fd6f281428060edcc3a836cde16ace8eaa4ec00d4c9af771dde8c8488cded8f2",
        ["short 3"] = "c15b83f3a42e8d38fc2f87c59a9a40efe412ff69f97b12e17f4af097082be7e6",
        ["byte 3"] = "8655173af1ec080de2dae0c6d0a7a2da5ade8b2cf8117645da18b90aaefd0ee2",
        ["uint 3"] = "dc8f2bb5a79777f761a64b5a522e0265e7a2d2339a6582133c037e4850442251",
        ["ulong max"] = "09a5a312c31fee2854900331cef846644d9ad3d52adc9a37eafb60290541f135",
        ["bool true"] = "25dfd29c09617dcc9852281c030e5b3037a338a4712a42a21c907f259c6412a0",
        ["char A"] = "32eb238b4630d3e75b95771dd60d393396e4121c55ad34397d55e7953cf31ad9",
        ["sbyte -3"] = "e85e1531712001c38bb4432d10cf104d3700c4f0219e56984946ce1ac2566ca8",
        ["ushort 3"] = "003b88f2b724b236f5008bf4e76c548f568a331bd2e9aaaf26341b0e704e8e35",
        ["long -1"] = "2dd82a267dfa6929834e6d5c4e6d08628314603d6c404bae62f4d64f7df8b1f5",
        ["double 1.5"] = "f5eb3797021e43c30a53250253d63d0a314c60b00bb39487dca6307d76946040",
        ["double 0"] = "a35923dc41a44ce49c44f34a7304c982360d5e91c787539d12e02c3672113055",
        ["double -0"] = "a35923dc41a44ce49c44f34a7304c982360d5e91c787539d12e02c3672113055",
        ["double NaN"] = "3ea88711edc3281f7859c2d4d4ba1a2b8f9ba1b918bac307a34b0831436524c8",
        ["float 1.5"] = "7d557f150d087f39e7b7b2753f872dd19b282f15b6cd59cd329e430affbbb1e3",
        ["decimal 1.10"] = "926d6d117530bd5e3f14441bbf6b89ff430aca9698a64693927f2c60384de8db",
        ["decimal 1.1"] = "926d6d117530bd5e3f14441bbf6b89ff430aca9698a64693927f2c60384de8db",
        ["double NaN payload"] = "3ea88711edc3281f7859c2d4d4ba1a2b8f9ba1b918bac307a34b0831436524c8",
        ["double -NaN"] = "3ea88711edc3281f7859c2d4d4ba1a2b8f9ba1b918bac307a34b0831436524c8",
        ["float 0"] = "d3402a165bdbec9c4caad3fec017fd23e3b01541a374188cfbb52eabbe81cb15",
        ["float -0"] = "d3402a165bdbec9c4caad3fec017fd23e3b01541a374188cfbb52eabbe81cb15",
        ["half 1.5"] = "a87bc6e8eeed5924853402b3570b4366aa8985a5066334fee4263e3078c632c1",
        ["decimal 0"] = "76352e66ad0a2e1c39052b95b6a3f01d1aca55b0f9a9f70c715866d2b9d35c5f",
        ["decimal -0.000"] = "76352e66ad0a2e1c39052b95b6a3f01d1aca55b0f9a9f70c715866d2b9d35c5f",
        ["string empty"] = "0f7e5b031a1706e40329c19e1059dca60f8cef74aaa8e73a911a414bc59e4907",
        ["string hello"] = "4b22cf50cc855db7ccd7a41068d22af920555bf9a19fa0ce675989b6b91de241",
        ["string unicode"] = "7c0dc406fec5903554dc905c908eb5c0d3d629c67426827182fe425796f54f93",
        ["string long"] = "f6ba2362f0c138ed20c46376e78c264432d77f1ddb172635520fad35543befd4",
        ["string lone surrogate"] = "d3bb0d5f8f6a550d5baec40faa61ba5b41803856eae1ccedf471d8075c58e490",
        ["int[] 1,2,3"] = "23c7579723f23966e01e13f9bbd9b785a19014cb984bdc9b6fde349f73a6a6ac",
        ["List<int> 1,2,3"] = "23c7579723f23966e01e13f9bbd9b785a19014cb984bdc9b6fde349f73a6a6ac",
        ["double[] 0.5,-0,NaN"] = "3ad89eb4bcd9adba0bd2eb09b96cc996006cd5da2531252561276cd6cae14f6b",
        ["string[]"] = "9d6858a466fce4547ae91769d3ef0bf0dc4c59c1a7891bb85a77dcfb194120e7",
        ["IEnumerable<int> 1,2,3"] = "23c7579723f23966e01e13f9bbd9b785a19014cb984bdc9b6fde349f73a6a6ac",
        ["object[] 1,2,3"] = "9b930333bdc7a4efcdccd83e11286798ef8a99e84137c45bd51becbfa6175c12",
        ["bool[]"] = "f0a0d6235ab79f8f5360d75319e91287098d9a8c33ece1e8f9cbeeecef4a7c88",
        ["int[,] 2x3"] = "65e1e044c5febe7a893e34639b26a57eef116ed86bf55c4b399e7e289a67dc65",
        ["List<Pt>"] = "d64bf52d60b3f53253f43b478401166a54c59e7c8297a8fbf99e48ce1044d324",
        ["dict a1 b2"] = "a787e78bc8daf80c66209d0d63b3318447b5b3b1b81f54d795bc75b5f776a3ba",
        ["dict b2 a1"] = "a787e78bc8daf80c66209d0d63b3318447b5b3b1b81f54d795bc75b5f776a3ba",
        ["SortedDictionary a1 b2"] = "a787e78bc8daf80c66209d0d63b3318447b5b3b1b81f54d795bc75b5f776a3ba",
        ["dict int keys"] = "9661ab7215ccf4c7c04e783b1e594741ce485813406e3ff0ee7f3dddb4ce7e19",
        ["set 1 2 3"] = "7dbc2b419e69bdd66906c7162ccfaff7d1e110faa9cf9489b1517de892f89f75",
        ["SortedSet 1 2 3"] = "7dbc2b419e69bdd66906c7162ccfaff7d1e110faa9cf9489b1517de892f89f75",
        ["tuple (1,\"x\")"] = "4ffda22863c081a29f90ae5d8c0a91df223710a51ffa5e0c1986bdec19dea79b",
        ["Tuple<int,string>"] = "4ffda22863c081a29f90ae5d8c0a91df223710a51ffa5e0c1986bdec19dea79b",
        ["tuple nested"] = "008fbadaa4cf78932638d062546ba7419938a953f4b606175b44b6e1b96a714b",
        ["record Pt"] = "a641383e147836d5cc1132ec8568fc0ef26b4fa0f02799a719651cb737df2b37",
        ["record Pt2"] = "ffd3c01798dc5bdecedc2d47a87c2a03218d2b298ff05204cdf8605187712df0",
        ["class PtClass"] = "90c966c22536d7961f18ff2f74013ecedbb01cebead1b4fb0213661e72e2cbeb",
        ["nested Line"] = "8e52a6e4fddf71ca211d26861deaa03c2c46c4081320673c58df70adbc4c6b6d",
        ["anonymous"] = "02a4cbdbe3b4f8b404acec2c43c440039910a9f58945fded52f92c7cd52b09aa",
        ["custom"] = "37b3894dc63991f48d387028c83a2f3ce7fffcddbca2457e9d7ee4d0b9a848d5",
        ["enum Green"] = "48d20f0df1d1815ce45683e8499f086bf39c1d77c166ec36583e826ca8f7b129",
        ["enum ulong max"] = "8d1867ed17b8f0b80b39084ea827920d748a50afc06c1d1271e7b5017de780bc",
        ["guid"] = "6005a33345ab5d08499794b67740675acd33ebc946ce61a16060cceddf54f698",
        ["datetime"] = "0a240330cd00c34627a8dee447ad299200835e335259b17cf0e090fc31b99066",
        ["timespan"] = "6641a81bbbfec6c0fff125ec7ab959c77395df4bbdd7730da5e05d5f35b6b920",
        ["datetimeoffset"] = "0cdb7cc310f5a87004162e5f794bdebf6c4e3f1a33ab5f9f17b7e7f9cf8a0a86",
        ["dateonly"] = "2f2150c60e795c1c962d55094b99c43e3bd89a738ddb4c51f1272375ee2bc059",
        ["taskhash"] = "a8e018c63d0d8db6e11b629004c87efcb08e4c49730eebda235a3111df5e9408",
    };

    private static readonly TaskHash A = TaskHash.Parse(new string('a', 64));
    private static readonly TaskHash B = TaskHash.Parse(new string('b', 64));

    public static TheoryData<string> Names => new(Golden.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_digests_are_pinned(string name)
    {
        var value = GoldenValues.All.Single(v => v.Name == name).Value;
        Assert.Equal(Golden[name], CanonicalHash.OfValue(value).ToString());
    }

    [Fact]
    public void Every_golden_value_is_pinned() =>
        Assert.Equal(GoldenValues.All.Select(v => v.Name).Order(), Golden.Keys.Order());

    [Theory]
    [InlineData("int[] 1,2,3", "List<int> 1,2,3", "IEnumerable<int> 1,2,3")]
    [InlineData("double 0", "double -0")]
    [InlineData("double NaN", "double NaN payload", "double -NaN")]
    [InlineData("float 0", "float -0")]
    [InlineData("decimal 1.10", "decimal 1.1")]
    [InlineData("decimal 0", "decimal -0.000")]
    [InlineData("dict a1 b2", "dict b2 a1", "SortedDictionary a1 b2")]
    [InlineData("set 1 2 3", "SortedSet 1 2 3")]
    [InlineData("tuple (1,\"x\")", "Tuple<int,string>")]
    public void Decided_equalities_hold(params string[] names) =>
        Assert.Single(names.Select(n => Golden[n]).Distinct());

    [Theory]
    [InlineData("int 3", "long 3", "short 3", "byte 3", "uint 3", "ushort 3")]
    [InlineData("record Pt", "record Pt2", "class PtClass")]
    [InlineData("int[] 1,2,3", "object[] 1,2,3")]
    [InlineData("float 0", "double 0", "int 0", "decimal 0")]
    [InlineData("string hello", "string lone surrogate", "string empty")]
    public void Decided_differences_hold(params string[] names) =>
        Assert.Equal(names.Length, names.Select(n => Golden[n]).Distinct().Count());

    [Fact]
    public void Inline_task_digest_is_pinned()
    {
        var writer = HashWriter.Rent();
        writer.BeginTask("Demo.Square", 0);
        writer.WriteValueArgument(3);
        Assert.Equal("9552de442bfbc575b3e833e84fc20aac181c68fc3dd3b0ff93e1176257d0ac6e", writer.Finish().ToString());
        writer.BeginTask("Demo.Combine", 2);
        writer.WriteValueArgument(3);
        writer.WriteReferenceArgument(A);
        writer.WriteReferenceListArgument([A, B]);
        Assert.Equal("cee9440ab99822af0a111446adc7502077e80e9a097bb743c7af8f9ab35da152", writer.Finish().ToString());
        HashWriter.Return(writer);
    }

    [Fact]
    public void Digest_task_digest_is_pinned()
    {
        var digest = CanonicalHash.OfTask("Demo.Combine", 2,
            [ArgumentDigest.ForValue(3), ArgumentDigest.ForReference(A), ArgumentDigest.ForReferenceList([A, B])]);
        Assert.Equal("171fe42aecfac827e6298574ef242f2a6856fa0bfcd3c9917aa7cf77be775766", digest.ToString());
    }

    [Fact]
    public void Reference_list_digest_is_pinned() =>
        Assert.Equal("5618efd048a68b04a4b036b34c433a912a5652c8dd365a8c60702ed9be39a235", CanonicalHash.OfReferenceList([A, B]).ToString());

    [Fact]
    public void Tasklet_digest_is_pinned()
    {
        var digest = CanonicalHash.OfTasklet(A, [ResultPathStep.At(1), ResultPathStep.Field("Name")]);
        Assert.Equal("f617f34e9502f126b5bd05552d92bd10d0b4d9c81055b2aa4641f8d1a395a1bd", digest.ToString());
    }
}
