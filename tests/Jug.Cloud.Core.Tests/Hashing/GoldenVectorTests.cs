using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Core.Tests.Hashing;

/// <summary>
/// Pinned digests: an accidental change to canonical hashing changes every stored result's identity,
/// so it must fail here first. The golden record types live in the global namespace (GoldenTypes.cs)
/// because a type's full name is part of its hash.
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
        ["double 1.5"] = "f5eb3797021e43c30a53250253d63d0a314c60b00bb39487dca6307d76946040",
        ["double 0"] = "a35923dc41a44ce49c44f34a7304c982360d5e91c787539d12e02c3672113055",
        ["double -0"] = "a35923dc41a44ce49c44f34a7304c982360d5e91c787539d12e02c3672113055",
        ["double NaN"] = "3ea88711edc3281f7859c2d4d4ba1a2b8f9ba1b918bac307a34b0831436524c8",
        ["float 1.5"] = "7d557f150d087f39e7b7b2753f872dd19b282f15b6cd59cd329e430affbbb1e3",
        ["decimal 1.10"] = "926d6d117530bd5e3f14441bbf6b89ff430aca9698a64693927f2c60384de8db",
        ["decimal 1.1"] = "926d6d117530bd5e3f14441bbf6b89ff430aca9698a64693927f2c60384de8db",
        ["string empty"] = "0f7e5b031a1706e40329c19e1059dca60f8cef74aaa8e73a911a414bc59e4907",
        ["string hello"] = "4b22cf50cc855db7ccd7a41068d22af920555bf9a19fa0ce675989b6b91de241",
        ["string unicode"] = "7c0dc406fec5903554dc905c908eb5c0d3d629c67426827182fe425796f54f93",
        ["int[] 1,2,3"] = "23c7579723f23966e01e13f9bbd9b785a19014cb984bdc9b6fde349f73a6a6ac",
        ["List<int> 1,2,3"] = "23c7579723f23966e01e13f9bbd9b785a19014cb984bdc9b6fde349f73a6a6ac",
        ["double[] 0.5,-0,NaN"] = "3ad89eb4bcd9adba0bd2eb09b96cc996006cd5da2531252561276cd6cae14f6b",
        ["string[]"] = "9d6858a466fce4547ae91769d3ef0bf0dc4c59c1a7891bb85a77dcfb194120e7",
        ["dict a1 b2"] = "a787e78bc8daf80c66209d0d63b3318447b5b3b1b81f54d795bc75b5f776a3ba",
        ["dict b2 a1"] = "a787e78bc8daf80c66209d0d63b3318447b5b3b1b81f54d795bc75b5f776a3ba",
        ["set 1 2 3"] = "7dbc2b419e69bdd66906c7162ccfaff7d1e110faa9cf9489b1517de892f89f75",
        ["tuple (1,\"x\")"] = "4ffda22863c081a29f90ae5d8c0a91df223710a51ffa5e0c1986bdec19dea79b",
        ["record Pt"] = "a641383e147836d5cc1132ec8568fc0ef26b4fa0f02799a719651cb737df2b37",
        ["record Pt2"] = "ffd3c01798dc5bdecedc2d47a87c2a03218d2b298ff05204cdf8605187712df0",
        ["nested Line"] = "8e52a6e4fddf71ca211d26861deaa03c2c46c4081320673c58df70adbc4c6b6d",
        ["enum Green"] = "48d20f0df1d1815ce45683e8499f086bf39c1d77c166ec36583e826ca8f7b129",
        ["guid"] = "6005a33345ab5d08499794b67740675acd33ebc946ce61a16060cceddf54f698",
        ["datetime"] = "0a240330cd00c34627a8dee447ad299200835e335259b17cf0e090fc31b99066",
        ["timespan"] = "6641a81bbbfec6c0fff125ec7ab959c77395df4bbdd7730da5e05d5f35b6b920",
    };

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

    [Fact]
    public void Task_digest_is_pinned()
    {
        var writer = HashWriter.Rent();
        writer.BeginTask("Demo.Square", 0);
        writer.WriteValueArgument(3);
        Assert.Equal("9552de442bfbc575b3e833e84fc20aac181c68fc3dd3b0ff93e1176257d0ac6e", writer.Finish().ToString());
        HashWriter.Return(writer);
    }

    [Fact]
    public void Tasklet_digest_is_pinned()
    {
        var parent = TaskHash.Parse(new string('a', 64));
        var digest = CanonicalHash.OfTasklet(parent, [ResultPathStep.At(1), ResultPathStep.Field("Name")]);
        Assert.Equal("f617f34e9502f126b5bd05552d92bd10d0b4d9c81055b2aa4641f8d1a395a1bd", digest.ToString());
    }
}
