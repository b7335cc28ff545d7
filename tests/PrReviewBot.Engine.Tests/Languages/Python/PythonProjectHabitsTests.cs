using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;
using PrReviewBot.Engine.Tests.Review;

namespace PrReviewBot.Engine.Tests.Languages.Python;

public sealed class PythonProjectHabitsTests
{
    private const string NewModule = """
        class OrderStore:
            def __init__(self, engine):
                self.engine = engine

            def create_unpaid_order(self, customer, label):
                with self.engine.begin() as connection:
                    connection.execute(insert_order(customer, label))
                    connection.commit()
                return label


        def make_store(url):
            engine = connect(url)
            engine.ping()
            return OrderStore(engine)
        """;

    private const string ExistingUntyped = """
        def list_orders(session, customer):
            rows = session.query(customer)
            rows = rows.order_by("created")
            return list(rows)


        def cancel_order(session, order):
            order.cancelled = True
            session.add(order)
            session.commit()


        def refund_order(session, order, amount):
            order.refunded = amount
            session.add(order)
            session.commit()
        """;

    private static IReadOnlyList<Finding> Review(params ChangedFile[] files) => new ReviewEngine().Review(new PullRequestSnapshot(files)).Findings;

    private static ChangedFile Added(string path, string text) => ChangedFile.WholeFile(path, text) with { Status = ChangeStatus.Added };

    [Fact]
    public void A_new_module_on_its_own_is_asked_for_type_hints_and_docstrings()
    {
        var findings = Review(Added("shop/orders.py", NewModule));

        Assert.Contains(findings, finding => finding.Category == Category.TypeHints);
        Assert.Contains(findings, finding => finding.Category == Category.Docs);
    }

    [Fact]
    public void A_new_module_follows_the_untyped_undocumented_modules_beside_it()
    {
        var existing = BaseChanges.Modified("shop/queries.py", ExistingUntyped, ExistingUntyped.Replace("\"created\"", "\"-created\"", StringComparison.Ordinal));

        var findings = Review(Added("shop/orders.py", NewModule), existing);

        Assert.DoesNotContain(findings, finding => finding.Category is Category.TypeHints or Category.Docs);
    }

    [Fact]
    public void A_new_module_follows_typed_documented_modules_beside_it()
    {
        const string typed = """"
            def list_orders(session: Session, customer: str) -> list[Order]:
                """Lists a customer's orders, newest first."""
                return list(session.query(customer))


            def cancel_order(session: Session, order: Order) -> None:
                """Cancels an order."""
                order.cancelled = True


            def refund_order(session: Session, order: Order, amount: int) -> None:
                """Refunds part of an order."""
                order.refunded = amount
            """";
        var existing = BaseChanges.Modified("shop/queries.py", typed, typed.Replace("newest first", "most recent first", StringComparison.Ordinal));

        var findings = Review(Added("shop/orders.py", NewModule), existing);

        Assert.Contains(findings, finding => finding.Category == Category.TypeHints);
        Assert.Contains(findings, finding => finding.Category == Category.Docs);
    }
}
