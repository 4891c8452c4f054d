package main

func main() {
	total := 0
	func() {
		total += 5
	}()
	r := func(a int) int { return a * 2 }(4)
	println(total, r)
}
