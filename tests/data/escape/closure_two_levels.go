package main

func main() {
	count := 0
	outer := func() {
		inner := func() {
			count++
		}
		inner()
	}
	outer()
	println(count)
}
